from .region_roi_align import RegionRoIAlign

__all__ = ['RegionRoIAlign']

from .fau_visualizer import REGION_COLOURS, FAUVisualizer

__all__ = ['REGION_COLOURS', 'FAUVisualizer']

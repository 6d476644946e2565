from .fau_visualizer import REGION_COLOURS, FAUVisualizer
from .frame_drawing import draw_frame, plot_au_timeline

__all__ = ['REGION_COLOURS', 'FAUVisualizer', 'draw_frame', 'plot_au_timeline']

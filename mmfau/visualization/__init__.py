from .au_plots import plot_au_heatmap, plot_face_summary
from .fau_visualizer import REGION_COLOURS, FAUVisualizer
from .frame_drawing import draw_frame

__all__ = [
    'REGION_COLOURS', 'FAUVisualizer', 'draw_frame', 'plot_au_heatmap',
    'plot_face_summary'
]

from .au_plots import plot_au_heatmap, plot_face_summary
from .fau_visualizer import REGION_COLOURS, FAUVisualizer
from .frame_drawing import draw_frame
from .video_output import (
    VIDEO_CODECS,
    check_video_output,
    open_video_writer,
)

__all__ = [
    'REGION_COLOURS', 'FAUVisualizer', 'VIDEO_CODECS', 'check_video_output',
    'draw_frame', 'open_video_writer', 'plot_au_heatmap', 'plot_face_summary'
]

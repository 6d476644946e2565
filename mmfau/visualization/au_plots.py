"""Pictures of a video's AU results: a heatmap per face over time and a
per-face summary bar chart."""
from typing import List, Optional, Sequence

import numpy as np

from mmfau.structures import FrameResult


def _pyplot():
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    return plt


def _most_seen(frames: List[FrameResult]) -> int:
    ids = [face.id for frame in frames for face in frame.faces]
    if not ids:
        raise ValueError('No face in any frame: nothing to plot.')
    return max(set(ids), key=ids.count)


def _runs(flags: np.ndarray) -> List[tuple]:
    """(start, end) index pairs of the runs of True in a 1-D array."""
    edges = np.diff(np.concatenate([[0], flags.astype(int), [0]]))
    return list(zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)))


def plot_au_heatmap(frames: List[FrameResult],
                    au_names: Sequence[str],
                    out_file: str,
                    face_id: Optional[int] = None,
                    title: str = '') -> int:
    """One face's AU probabilities over time as a heatmap: a row per AU, a
    column per frame. The colour scale is centred on the model's presence
    threshold (white), red above and blue below, and the frames the model
    calls an AU present are outlined; frames without the face stay grey.

    Args:
        frames (list[FrameResult]): From
            :class:`mmfau.apis.FaceAUInferencer`.
        au_names (Sequence[str]): AU names in the order of the scores.
        out_file (str): PNG path.
        face_id (int, optional): The face; defaults to the most seen one.
        title (str): Figure title.

    Returns:
        int: The face id plotted.
    """
    from matplotlib.colors import TwoSlopeNorm
    from matplotlib.patches import Rectangle
    plt = _pyplot()
    face_id = _most_seen(frames) if face_id is None else face_id
    scores = np.full((len(au_names), len(frames)), np.nan)
    present = np.zeros_like(scores, dtype=bool)
    thresholds = []
    for t, frame in enumerate(frames):
        for face in frame.faces:
            if face.id == face_id:
                scores[:, t] = face.probabilities
                present[:, t] = face.present
                thresholds.append(np.asarray(face.threshold))
    if not thresholds:
        raise ValueError(f'Face {face_id} is in no frame.')
    centre = float(np.median(np.stack(thresholds)))
    times = np.array([frame.time for frame in frames])
    fig, ax = plt.subplots(figsize=(min(4 + len(frames) / 40, 16),
                                    1.2 + 0.32 * len(au_names)))
    cmap = plt.get_cmap('RdBu_r').copy()
    cmap.set_bad('0.85')
    end = times[-1] + (times[-1] - times[0]) / max(len(times) - 1, 1) \
        if len(times) > 1 else 1.0
    extent = (times[0], end, len(au_names) - 0.5, -0.5)
    shown = ax.imshow(np.ma.masked_invalid(scores), aspect='auto',
                      cmap=cmap, interpolation='nearest', extent=extent,
                      norm=TwoSlopeNorm(vmin=0.0, vcenter=centre, vmax=1.0))
    step = (extent[1] - extent[0]) / max(len(frames), 1)
    for row, frames_present in enumerate(present):
        for start, end in _runs(frames_present):
            ax.add_patch(Rectangle(
                (extent[0] + start * step, row - 0.42), (end - start) * step,
                0.84, fill=False, edgecolor='black', linewidth=0.7))
    ax.set_yticks(range(len(au_names)), au_names, fontsize=8)
    ax.set_xlabel('time (s)')
    ax.set_title(title or f'AU probabilities of face {face_id} (outlined: '
                 'present)')
    bar = fig.colorbar(shown, ax=ax, fraction=0.03, pad=0.01)
    bar.set_ticks([0.0, centre, 1.0])
    bar.set_ticklabels(['0', f'threshold {centre:.2f}', '1'])
    fig.tight_layout()
    fig.savefig(out_file, dpi=120)
    plt.close(fig)
    return face_id


def plot_face_summary(rows: List[dict], au_names: Sequence[str],
                      out_file: str, title: str = '') -> None:
    """The per-face summary as bars: for each face, the share of its frames
    in which each AU is present, with its mean probability as a dot.

    Args:
        rows (list[dict]): From :func:`mmfau.apis.summarize_faces`.
        au_names (Sequence[str]): AU names.
        out_file (str): PNG path.
        title (str): Figure title.
    """
    if not rows:
        raise ValueError('No face in any frame: nothing to summarise.')
    plt = _pyplot()
    positions = np.arange(len(au_names))
    width = 0.8 / len(rows)
    fig, ax = plt.subplots(figsize=(max(6, 0.55 * len(au_names) + 2), 3.6))
    colours = plt.get_cmap('tab10')
    for k, row in enumerate(rows):
        offset = positions - 0.4 + width * (k + 0.5)
        share = [float(row[f'{n}_present_share']) for n in au_names]
        mean = [float(row[f'{n}_mean_prob']) for n in au_names]
        label = f'face {row["face_id"]} ({row["frames"]} frames)'
        ax.bar(offset, share, width, color=colours(k % 10), alpha=0.8,
               label=label)
        ax.plot(offset, mean, 'o', color='black', markersize=3)
    ax.plot([], [], 'o', color='black', markersize=3,
            label='mean probability')
    ax.set_xticks(positions, au_names, rotation=45, fontsize=8)
    ax.set_ylim(0, 1)
    ax.set_ylabel('share of frames present')
    ax.set_title(title or 'AUs per face')
    ax.legend(fontsize=7, loc='upper right')
    fig.tight_layout()
    fig.savefig(out_file, dpi=120)
    plt.close(fig)

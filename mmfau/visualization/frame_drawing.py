"""Annotating video frames and plotting AU probabilities over time."""
from typing import List, Optional, Sequence

import cv2
import numpy as np


def draw_frame(image: np.ndarray, faces: List[dict],
               au_names: Sequence[str]) -> np.ndarray:
    """Draw each face's box, id, landmarks and present AUs on a BGR frame.

    Args:
        image (np.ndarray): The BGR frame.
        faces (list[dict]): A frame's faces from :class:`FaceAUInferencer`.
        au_names (Sequence[str]): AU names in the order of the scores.

    Returns:
        np.ndarray: A drawn copy of the frame.
    """
    canvas = image.copy()
    scale = max(canvas.shape[0] / 480, 0.5)
    if not faces:
        cv2.putText(canvas, 'no face', (10, int(30 * scale)),
                    cv2.FONT_HERSHEY_SIMPLEX, 0.8 * scale, (0, 0, 255),
                    max(1, int(2 * scale)), cv2.LINE_AA)
    for face in faces:
        x1, y1, x2, y2 = (int(v) for v in face['box'])
        cv2.rectangle(canvas, (x1, y1), (x2, y2), (0, 200, 255),
                      max(1, int(2 * scale)))
        for x, y in face['landmarks']:
            cv2.circle(canvas, (int(x), int(y)), 1, (0, 255, 0), -1)
        present = [n for n, p in zip(au_names, face['present']) if p]
        lines = [f'id {face["id"]}'] + [
            ' '.join(present[i:i + 4]) for i in range(0, len(present), 4)
        ]
        for row, text in enumerate(lines):
            cv2.putText(canvas, text, (x1, y2 + int((row + 1) * 18 * scale)),
                        cv2.FONT_HERSHEY_SIMPLEX, 0.5 * scale, (0, 200, 255),
                        max(1, int(scale)), cv2.LINE_AA)
    return canvas


def plot_au_timeline(frames: List[dict],
                     au_names: Sequence[str],
                     out_file: str,
                     face_id: Optional[int] = None,
                     title: str = '') -> int:
    """Plot each AU's probability over time for one face, as a PNG.

    Args:
        frames (list[dict]): From :class:`FaceAUInferencer`.
        au_names (Sequence[str]): AU names in the order of the scores.
        out_file (str): PNG path.
        face_id (int, optional): The face to plot; defaults to the one seen
            in most frames.
        title (str): Figure title.

    Returns:
        int: The face id plotted.
    """
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt

    ids = [face['id'] for frame in frames for face in frame['faces']]
    if not ids:
        raise ValueError('No face in any frame: nothing to plot.')
    if face_id is None:
        face_id = max(set(ids), key=ids.count)
    times = np.array([frame['time'] for frame in frames])
    scores = np.full((len(frames), len(au_names)), np.nan)
    thresholds = set()
    for i, frame in enumerate(frames):
        for face in frame['faces']:
            if face['id'] == face_id:
                scores[i] = face['scores']
                thresholds.update(np.asarray(face['threshold']).tolist())
    x = times if np.ptp(times) > 0 else np.arange(len(frames))
    fig, ax = plt.subplots(figsize=(10, 4.5))
    colours = plt.get_cmap('tab20')
    for k, name in enumerate(au_names):
        ax.plot(x, scores[:, k], label=name, color=colours(k % 20), lw=1.5)
    for value in sorted(thresholds):  # the model's presence threshold(s)
        ax.axhline(value, color='black', lw=0.8, ls='--')
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel('time (s)' if np.ptp(times) > 0 else 'frame')
    ax.set_ylabel('AU probability')
    ax.set_title(title or f'AU probabilities of face {face_id}')
    ax.legend(ncol=1, fontsize=7, loc='center left', bbox_to_anchor=(1, 0.5))
    fig.tight_layout()
    fig.savefig(out_file, dpi=120)
    plt.close(fig)
    return face_id

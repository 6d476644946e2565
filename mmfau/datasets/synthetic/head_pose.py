"""Out-of-plane head rotation of the synthetic faces.

The drawn face lies on a head-shaped surface: an ellipsoid cap with a nose
ridge that rises towards the tip. Turning the head (yaw) or nodding it
(pitch) rotates every point of that surface and projects it orthographically
back onto the image plane, so the side turned away is foreshortened and the
nose moves towards the turn, as in a real face seen off-axis. Landmarks and
strokes go through the same projection, so the landmarks stay exact.
"""
import numpy as np

#: Depth of the head surface at the face centre, in face-frame units.
HEAD_DEPTH = 0.35
#: Extra height of the nose tip above the surface.
NOSE_HEIGHT = 0.12


def surface_depth(points: np.ndarray) -> np.ndarray:
    """Height of the head surface towards the camera at face-frame points.

    Args:
        points (np.ndarray): Shape (N, 2), normalised face frame.

    Returns:
        np.ndarray: Shape (N, ), 0 at the silhouette and beyond.
    """
    x = (points[:, 0] - 0.5) / 0.5
    y = (points[:, 1] - 0.52) / 0.62
    cap = HEAD_DEPTH * np.sqrt(np.clip(1 - x**2 - y**2, 0, None))
    # the ridge rises from between the eyes to the tip, then drops to the
    # upper lip
    rise = np.clip((points[:, 1] - 0.38) / 0.24, 0, 1)**1.5
    drop = np.clip((0.67 - points[:, 1]) / 0.05, 0, 1)
    across = np.exp(-((points[:, 0] - 0.5) / 0.035)**2)
    return cap + NOSE_HEIGHT * rise * drop * across


def rotate_head(points: np.ndarray, yaw: float, pitch: float) -> np.ndarray:
    """Turn the head by ``yaw`` and ``pitch`` degrees and project it back.

    Positive yaw turns the face towards the image's right, positive pitch
    tilts it down.

    Args:
        points (np.ndarray): Shape (N, 2), normalised face frame.
        yaw (float): Rotation about the vertical axis, in degrees.
        pitch (float): Rotation about the horizontal axis, in degrees.

    Returns:
        np.ndarray: Shape (N, 2), the projected points in the same frame.
    """
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    if yaw == 0 and pitch == 0:
        return points
    x, y = points[:, 0] - 0.5, points[:, 1] - 0.5
    z = surface_depth(points)
    a, b = np.radians(yaw), np.radians(pitch)
    x_turned = x * np.cos(a) + z * np.sin(a)
    z_turned = -x * np.sin(a) + z * np.cos(a)
    y_tilted = y * np.cos(b) + z_turned * np.sin(b)
    return np.stack([x_turned + 0.5, y_tilted + 0.5], axis=1)


def realign(points: np.ndarray, pose: dict) -> dict:
    """Scale and shift a turned head so that its landmarks fill the image as
    the upright face's do, as a face aligner does with a real turned face.

    Args:
        points (np.ndarray): The face's landmarks (68, 2), face frame.
        pose (dict): ``yaw``, ``pitch``, ``scale`` and ``shift`` (2,).

    Returns:
        dict: A copy of ``pose`` with ``scale`` and ``shift`` corrected.
    """
    turned = rotate_head(points, pose['yaw'], pose['pitch'])
    extent = np.ptp(points, axis=0)
    turned_extent = np.ptp(turned, axis=0)
    fit = min(1.0, float(np.min(extent / turned_extent)))
    moved = (turned.min(axis=0) + turned.max(axis=0)) / 2 - (
        points.min(axis=0) + points.max(axis=0)) / 2
    scale = pose['scale'] * fit
    return dict(pose, scale=scale,
                shift=np.asarray(pose['shift']) - moved * scale)

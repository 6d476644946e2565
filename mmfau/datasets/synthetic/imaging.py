"""Camera and light of the synthetic faces: what a lab or a phone camera does
to a face before any model sees it.

Each effect imitates a real source: a lamp to one side shades half the face,
a moving head smears it (motion blur), a missed focus softens it (defocus),
a small sensor adds noise, a web camera or a video codec compresses it
(JPEG), and a face far from the camera has few pixels (low resolution).
"""
from typing import Optional

import cv2
import numpy as np


def sample_imaging(rng: np.random.Generator, degrade: bool = True) -> dict:
    """Draw the camera and light effects of one frame.

    Sizes are relative to the image side, so the same draw degrades a small
    and a large rendering alike.

    Args:
        rng (np.random.Generator): The frame's imaging stream.
        degrade (bool): Draw the full range of effects. False gives a good
            studio camera: soft light and a little sensor noise, nothing
            else.

    Returns:
        dict: ``light`` (direction in degrees, strength), ``exposure``,
        ``motion`` (length, angle) or None, ``defocus`` (sigma) or None,
        ``noise`` (std), ``jpeg`` (quality) or None, ``downscale`` or None,
        ``seed`` of the noise.
    """
    if not degrade:
        return dict(light=(rng.uniform(0, 360), rng.uniform(0.0, 0.15)),
                    exposure=1.0, motion=None, defocus=None,
                    noise=rng.uniform(2, 6), jpeg=None, downscale=None,
                    seed=int(rng.integers(2**31)))
    return dict(
        light=(rng.uniform(0, 360), rng.uniform(0.0, 0.4)),
        exposure=rng.uniform(0.7, 1.15),
        motion=((rng.uniform(0.02, 0.06), rng.uniform(0, 180))
                if rng.uniform() < 0.2 else None),
        defocus=rng.uniform(0.005, 0.014) if rng.uniform() < 0.2 else None,
        noise=rng.uniform(2, 10),
        jpeg=int(rng.integers(20, 80)) if rng.uniform() < 0.6 else None,
        downscale=rng.uniform(2, 3.5) if rng.uniform() < 0.2 else None,
        seed=int(rng.integers(2**31)),
    )


def apply_imaging(img: np.ndarray, imaging: Optional[dict]) -> np.ndarray:
    """Apply the effects of :func:`sample_imaging` to a drawn image.

    Args:
        img (np.ndarray): BGR image, float32 or uint8.
        imaging (dict, optional): From :func:`sample_imaging`; None leaves
            the image as it is.

    Returns:
        np.ndarray: BGR uint8 image of the same size.
    """
    img = img.astype(np.float32)
    if imaging is None:
        return np.clip(img, 0, 255).astype(np.uint8)
    size = img.shape[0]
    angle, strength = imaging['light']
    direction = np.array([np.cos(np.radians(angle)),
                          np.sin(np.radians(angle))], np.float32)
    ramp = (np.arange(size, dtype=np.float32) + 0.5) / size - 0.5
    side = direction[0] * ramp[None, :] + direction[1] * ramp[:, None]
    gain = imaging['exposure'] * (1 + strength * np.tanh(6 * side))
    img = img * gain[..., None]
    if imaging['motion'] is not None:
        length, theta = imaging['motion']
        img = cv2.filter2D(img, -1, _motion_kernel(length * size, theta))
    if imaging['defocus'] is not None:
        img = cv2.GaussianBlur(img, (0, 0), imaging['defocus'] * size)
    if imaging['downscale'] is not None:
        small = max(8, int(round(size / imaging['downscale'])))
        img = cv2.resize(cv2.resize(img, (small, small),
                                    interpolation=cv2.INTER_AREA),
                         (size, size), interpolation=cv2.INTER_LINEAR)
    noise = np.random.default_rng(imaging['seed']).standard_normal(
        img.shape, dtype=np.float32)
    img = np.clip(img + noise * np.float32(imaging['noise']), 0,
                  255).astype(np.uint8)
    if imaging['jpeg'] is not None:
        ok, data = cv2.imencode('.jpg', img,
                                [cv2.IMWRITE_JPEG_QUALITY, imaging['jpeg']])
        img = cv2.imdecode(data, cv2.IMREAD_COLOR)
    return img


def _motion_kernel(length: float, angle: float) -> np.ndarray:
    """A normalised line kernel of ``length`` pixels at ``angle`` degrees."""
    side = max(3, int(np.ceil(length)) | 1)
    kernel = np.zeros((side, side), np.float32)
    c = side // 2
    dx = 0.5 * length * np.cos(np.radians(angle))
    dy = 0.5 * length * np.sin(np.radians(angle))
    cv2.line(kernel, (int(round(c - dx)), int(round(c - dy))),
             (int(round(c + dx)), int(round(c + dy))), 1.0, 1, cv2.LINE_AA)
    return kernel / kernel.sum()

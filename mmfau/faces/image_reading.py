"""Reading images the one way mmfau reads them, for inference and for
dataset conversion alike."""
from typing import Iterator, Optional, Tuple, Union

import cv2
import numpy as np

#: EXIF orientation -> the rotation or flip that shows the image upright.
_EXIF_FIXES = {
    2: lambda im: cv2.flip(im, 1),
    3: lambda im: cv2.rotate(im, cv2.ROTATE_180),
    4: lambda im: cv2.flip(im, 0),
    5: lambda im: cv2.flip(cv2.rotate(im, cv2.ROTATE_90_CLOCKWISE), 1),
    6: lambda im: cv2.rotate(im, cv2.ROTATE_90_CLOCKWISE),
    7: lambda im: cv2.flip(cv2.rotate(im, cv2.ROTATE_90_COUNTERCLOCKWISE), 1),
    8: lambda im: cv2.rotate(im, cv2.ROTATE_90_COUNTERCLOCKWISE),
}


def to_bgr8(image: np.ndarray, source: str = 'the image') -> np.ndarray:
    """Any decoded image as 8-bit, 3-channel BGR.

    Grayscale is repeated over the channels, an alpha channel is composited
    over white, 16-bit and float images are scaled to 0-255.

    Args:
        image (np.ndarray): (H, W), (H, W, 1), (H, W, 3) or (H, W, 4).
        source (str): Where it came from, for the error message.

    Returns:
        np.ndarray: (H, W, 3) uint8.
    """
    if image.dtype == np.uint16:
        image = image.astype(np.float32) / 257.0
    elif image.dtype.kind == 'f':
        image = np.clip(image, 0.0, 1.0).astype(np.float32) * 255.0
    elif image.dtype != np.uint8:
        raise ValueError(f'{source}: pixel type {image.dtype} is not '
                         'supported (8-bit, 16-bit or float).')
    if image.ndim == 2:
        image = image[..., None]
    channels = image.shape[2]
    if channels == 1:
        image = np.repeat(image, 3, axis=2)
    elif channels == 4:
        alpha = image[..., 3:].astype(np.float32) / 255.0
        image = image[..., :3] * alpha + 255.0 * (1.0 - alpha)
    elif channels != 3:
        raise ValueError(f'{source}: {channels} channels; expected 1, 3 or '
                         '4.')
    if image.dtype != np.uint8:
        image = np.clip(np.round(image), 0, 255).astype(np.uint8)
    return np.ascontiguousarray(image)


def read_image(path: str) -> Union[np.ndarray, None]:
    """A photograph as 8-bit BGR, upright as its EXIF orientation says;
    None when OpenCV cannot decode the file as an image."""
    image = cv2.imread(path, cv2.IMREAD_UNCHANGED)
    if image is None:
        return None
    image = to_bgr8(image, path)
    fix = _EXIF_FIXES.get(_exif_orientation(path))
    return np.ascontiguousarray(fix(image)) if fix else image


def _exif_orientation(path: str) -> int:
    """The EXIF orientation tag of an image file (1: as stored)."""
    from PIL import Image
    try:
        with Image.open(path) as image:
            return int(image.getexif().get(0x0112, 1))
    except Exception:  # no EXIF block or a format PIL does not read
        return 1


def animation_frames(path: str) -> Optional[Iterator[Tuple[np.ndarray,
                                                           float]]]:
    """The frames of an animated image (a GIF, WebP or PNG of more than one
    frame) as 8-bit BGR with their start times in seconds, or None when the
    file is not an animation.

    Args:
        path (str): The image file.

    Returns:
        Iterator[tuple[np.ndarray, float]] | None: (frame, time) pairs.
    """
    from PIL import Image, ImageSequence
    try:
        with Image.open(path) as image:
            # not n_frames: for a GIF it reads the whole file; this stops at
            # the second frame
            if not getattr(image, 'is_animated', False):
                return None
    except Exception:  # not an image PIL reads
        return None

    def frames() -> Iterator[Tuple[np.ndarray, float]]:
        time = 0.0
        with Image.open(path) as image:
            for frame in ImageSequence.Iterator(image):
                rgb = np.asarray(frame.convert('RGB'))
                yield np.ascontiguousarray(rgb[..., ::-1]), time
                # 100 ms when the file gives no duration, as browsers do
                time += (frame.info.get('duration') or 100) / 1000.0

    return frames()

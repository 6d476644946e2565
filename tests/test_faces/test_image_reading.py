"""Dataset conversion and inference read an image file to the same pixels,
whatever the file holds."""
import cv2
import numpy as np

from mmfau.datasets.converters.frames import LabelledSequence
from mmfau.faces import iterate_frames, read_image


def test_conversion_and_inference_read_the_same_pixels(tmp_path):
    rng = np.random.default_rng(0)
    rgba = rng.integers(0, 256, (24, 32, 4), dtype=np.uint8)
    rgba[:8, :, 3] = 0  # transparent: white once composited
    deep = rng.integers(0, 65536, (24, 32, 3), dtype=np.uint16)
    files = {0: str(tmp_path / 'rgba.png'), 1: str(tmp_path / 'deep.png')}
    cv2.imwrite(files[0], rgba)
    cv2.imwrite(files[1], deep)

    sequence = LabelledSequence('S1', 'T1', {0: [0], 1: [0]},
                                frame_files=files)
    converted = {frame: image for frame, image, _ in sequence.read({0, 1})}
    inferred = [frame.image for frame in iterate_frames(list(files.values()))]
    for frame, image in enumerate(inferred):
        assert image.dtype == np.uint8 and image.shape == (24, 32, 3)
        np.testing.assert_array_equal(converted[frame], image)
        np.testing.assert_array_equal(read_image(files[frame]), image)
    assert (inferred[0][:8] == 255).all()
    np.testing.assert_array_equal(
        inferred[1], np.round(deep / 257.0).astype(np.uint8))

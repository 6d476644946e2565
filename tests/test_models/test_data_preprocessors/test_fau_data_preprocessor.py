import pytest
import torch

from mmfau.models.data_preprocessors import FAUDataPreprocessor
from mmfau.structures import FAUDataSample


def test_bgr_faces_become_normalised_rgb():
    preprocessor = FAUDataPreprocessor(mean=(10., 20., 30.),
                                       std=(2., 4., 5.))
    image = torch.zeros(3, 4, 4, dtype=torch.uint8)
    image[0], image[1], image[2] = 30, 20, 10  # B, G, R
    data = preprocessor(dict(inputs=[image, image],
                             data_samples=[FAUDataSample()] * 2))
    assert data['inputs'].shape == (2, 3, 4, 4)
    # R=10 -> (10-10)/2, G=20 -> (20-20)/4, B=30 -> (30-30)/5
    assert torch.count_nonzero(data['inputs']) == 0


def test_channels_last_and_mixed_sizes():
    preprocessor = FAUDataPreprocessor(channels_last=True)
    images = [torch.zeros(3, 8, 8, dtype=torch.uint8)] * 2
    out = preprocessor(dict(inputs=images, data_samples=[None, None]))
    assert out['inputs'].is_contiguous(memory_format=torch.channels_last)
    with pytest.raises(ValueError, match='different sizes'):
        preprocessor(dict(inputs=[images[0], torch.zeros(3, 6, 8)],
                          data_samples=[None, None]))

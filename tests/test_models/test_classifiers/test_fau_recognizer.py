import pytest
import torch
from mmengine.config import Config

from mmfau.registry import MODELS
from mmfau.structures import AUHeadOutput, FAUDataSample
from tests.test_tools.helpers import ROOT


def _model():
    cfg = Config.fromfile(f'{ROOT}/configs/fau/full_synthetic.py')
    torch.manual_seed(0)
    return MODELS.build(cfg.model).eval()


def _batch(n=2, size=112):
    boxes = torch.tensor([[10., 10., 60., 50.]]).repeat(8, 1)
    samples = [
        FAUDataSample().set_region_boxes(boxes).set_gt_au(
            torch.ones(15), torch.ones(15, dtype=torch.bool)).set_gt_intensity(
                torch.full((15, ), 3.0), torch.ones(15, dtype=torch.bool))
        for _ in range(n)
    ]
    inputs = [torch.randint(0, 255, (3, size, size), dtype=torch.uint8)
              for _ in range(n)]
    return dict(inputs=inputs, data_samples=samples)


def test_modes_give_losses_predictions_and_raw_outputs():
    model = _model()
    data = model.data_preprocessor(_batch(), False)
    feats = model.extract_feat(data['inputs'], data['data_samples'])
    assert feats.shape == (2, 8, 128)  # (N, regions, channels)
    losses = model(**data, mode='loss')
    assert set(losses) == {
        'loss_au', 'loss_region', 'loss_decoder', 'loss_intensity'
    }
    raw = model(**data, mode='tensor')
    with torch.no_grad():
        predicted = model.test_step(_batch())
    # 'tensor' is the head's output: final logits, intensity, Ea's logits
    assert isinstance(raw, AUHeadOutput)
    assert raw.logits.shape == raw.intensity.shape == (2, 15)
    assert raw.aux_logits.shape == (2, 15)
    assert predicted[0].pred_score.shape == (15, )
    assert predicted[0].pred_intensity.shape == (15, )
    with pytest.raises(ValueError, match="Invalid mode 'x'"):
        model(**data, mode='x')


def test_missing_region_boxes_name_the_transform():
    model = _model()
    batch = _batch()
    batch['data_samples'] = [FAUDataSample(), FAUDataSample()]
    data = model.data_preprocessor(batch, False)
    with pytest.raises(ValueError, match='LandmarksToRegions'):
        model(**data, mode='predict')

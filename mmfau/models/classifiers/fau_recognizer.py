"""The AU recognizer: backbone, region pooling neck and head."""
from typing import Dict, List, Optional, Union

import torch
from mmengine.model import BaseModel
from torch import Tensor

from mmfau.registry import MODELS
from mmfau.structures import AUHeadOutput, FAUDataSample

from ..heads import BaseAUHead


@MODELS.register_module()
class FAURecognizer(BaseModel):
    """Backbone -> region features -> AU head.

    The head receives pooled region features (N, R, C); it is any
    registered :class:`~mmfau.models.heads.BaseAUHead`, whose contract
    (``aus``, ``threshold``, ``estimates_intensity``, ``forward`` returning
    an :class:`~mmfau.structures.AUHeadOutput`, ``loss``) is all the rest
    of mmfau relies on. :meth:`region_features` is the one forward path
    from images to the head.

    Args:
        backbone (dict): Backbone config, e.g. ``mmpretrain.ResNet``
            truncated after stage 3.
        neck (dict): Region pooling config, e.g. ``RegionRoIAlign``.
        head (dict): Head config, e.g. ``FACSRuleHead``.
        data_preprocessor (dict, optional): Preprocessor config.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 backbone: dict,
                 neck: dict,
                 head: dict,
                 data_preprocessor: Optional[dict] = None,
                 init_cfg=None) -> None:
        if data_preprocessor is None:
            data_preprocessor = dict(type='FAUDataPreprocessor')
        super().__init__(
            data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.backbone = MODELS.build(backbone)
        if getattr(self.data_preprocessor, 'channels_last', False):
            self.backbone.to(memory_format=torch.channels_last)
        self.neck = MODELS.build(neck)
        self.head = MODELS.build(head)
        if not isinstance(self.head, BaseAUHead):
            raise ValueError(
                f'The head {type(self.head).__name__} does not derive from '
                'mmfau.models.heads.BaseAUHead, whose contract (aus, '
                'threshold, estimates_intensity, forward, loss) the rest '
                'of mmfau relies on.')

    def region_features(self, images: Tensor, boxes: Tensor) -> Tensor:
        """The one forward path from images to the head's input: the
        backbone, then region pooling (of the last of the backbone's
        outputs, when it returns several).

        Args:
            images (Tensor): Preprocessed images (N, 3, H, W).
            boxes (Tensor): Judgment-region boxes (N, R, 4) in pixels.

        Returns:
            Tensor: Region features (N, R, C).
        """
        return self.neck(self.backbone(images), boxes)

    def extract_feat(self, inputs: Tensor,
                     data_samples: List[FAUDataSample]) -> Tensor:
        """Pooled region features (N, R, C) of a batch.

        Args:
            inputs (Tensor): Preprocessed images (N, 3, H, W).
            data_samples (list[FAUDataSample]): With ``region_boxes``.

        Returns:
            Tensor: Region features (N, R, C).
        """
        if any('region_boxes' not in s for s in data_samples):
            raise ValueError(
                'Every data sample needs region_boxes: add '
                'LandmarksToRegions to the pipeline.')
        boxes = torch.stack([s.region_boxes for s in data_samples]).to(
            inputs.device)
        return self.region_features(inputs, boxes)

    def forward(self,
                inputs: Tensor,
                data_samples: Optional[List[FAUDataSample]] = None,
                mode: str = 'tensor'
                ) -> Union[Dict[str, Tensor], List[FAUDataSample],
                           AUHeadOutput]:
        """``'loss'``: the dict of losses; ``'predict'``: the data samples
        with predictions; ``'tensor'``: the head's
        :class:`~mmfau.structures.AUHeadOutput`."""
        if data_samples is None:
            raise ValueError('FAURecognizer needs data samples with region '
                             'boxes in every mode.')
        if mode == 'loss':
            return self._loss(inputs, data_samples)
        if mode == 'predict':
            return self.head.fill_samples(self._tensor(inputs, data_samples),
                                          data_samples)
        if mode == 'tensor':
            return self._tensor(inputs, data_samples)
        raise ValueError(f'Invalid mode {mode!r}: use loss, predict or '
                         'tensor.')

    def _loss(self, inputs: Tensor,
              data_samples: List[FAUDataSample]) -> Dict[str, Tensor]:
        return self.head.loss(self.extract_feat(inputs, data_samples),
                              data_samples)

    def _tensor(self, inputs: Tensor,
                data_samples: List[FAUDataSample]) -> AUHeadOutput:
        return self.head(self.extract_feat(inputs, data_samples))

    def compile_steps(self, **options) -> None:
        """Compile the training step's forward and losses (``'loss'``
        mode) and the head's output (``'tensor'`` mode, which ``'predict'``
        reads) each into one graph with :func:`torch.compile`
        (``fullgraph=True``: a graph break is an error, not a silent
        slowdown). The backward pass is compiled with them; filling the
        data samples stays eager.

        Args:
            **options: Passed to :func:`torch.compile`, e.g.
                ``mode='max-autotune'`` or ``mode='reduce-overhead'`` (CUDA
                graphs: every batch must then have the same size, so drop
                the last partial batch, ``drop_last=True`` in the loader).
        """
        options = dict(options, fullgraph=True)
        self._loss = torch.compile(self._loss, **options)
        self._tensor = torch.compile(self._tensor, **options)

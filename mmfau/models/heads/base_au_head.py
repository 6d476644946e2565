"""What the rest of mmfau relies on from an AU head."""
from abc import ABCMeta, abstractmethod
from typing import Dict, List, Optional, Sequence, Union

from mmengine.model import BaseModule
from torch import Tensor

from mmfau.structures import AUHeadOutput, FAUDataSample

from .components import presence_thresholds


class BaseAUHead(BaseModule, metaclass=ABCMeta):
    """The contract of an AU head: pooled region features in, one
    :class:`~mmfau.structures.AUHeadOutput` out.

    The recognizer, the deployment graph (ONNX export and every runtime),
    the inferencer, the FLOPs tool, the metrics and the pictures rely on
    exactly this:

    - ``aus``: the AUs predicted, in the order of the outputs;
    - ``threshold``: the presence threshold per AU, a (K,) tensor buffer;
      the head owns it, so metric, CSV and pictures agree;
    - ``estimates_intensity``: whether :meth:`forward` returns intensities
      (False unless a subclass sets it); checked against the config's
      metrics before a run starts;
    - :meth:`forward`: the :class:`~mmfau.structures.AUHeadOutput` of a
      batch (final logits, intensity or None, a second prediction or None);
    - :meth:`loss`: the losses of a training batch.

    A new head derives from this class, implements :meth:`forward` and
    :meth:`loss`, and inherits :meth:`fill_samples`, with which the
    recognizer sets the outputs of :meth:`forward` on the data samples.

    Args:
        aus (Sequence[int]): The AUs predicted, in order.
        threshold (float | Sequence[float]): Probability from which an AU is
            present: one value, or one per AU.
        init_cfg (dict, optional): Initialisation config.
    """

    #: Whether :meth:`forward` returns AU intensities.
    estimates_intensity: bool = False

    def __init__(self,
                 aus: Sequence[int],
                 threshold: Union[float, Sequence[float]] = 0.5,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        self.aus = [int(au) for au in aus]
        self.register_buffer('threshold',
                             presence_thresholds(threshold, self.aus),
                             persistent=False)

    @abstractmethod
    def forward(self, region_feats: Tensor) -> AUHeadOutput:
        """The head's outputs for a batch.

        Args:
            region_feats (Tensor): Pooled region features (N, R, C).

        Returns:
            AUHeadOutput: Logits (N, K) in the order of ``aus``; intensity
            (N, K) exactly when ``estimates_intensity``.
        """

    @abstractmethod
    def loss(self, region_feats: Tensor,
             data_samples: List[FAUDataSample]) -> Dict[str, Tensor]:
        """The losses of a batch, each key starting with ``loss``.

        Args:
            region_feats (Tensor): Pooled region features (N, R, C).
            data_samples (list[FAUDataSample]): With ``gt_au`` and
                ``gt_au_mask`` (False where a label is unknown), and
                ``gt_intensity`` where the data codes intensity.

        Returns:
            dict[str, Tensor]
        """

    def fill_samples(self,
                     output: AUHeadOutput,
                     data_samples: Optional[List[FAUDataSample]] = None
                     ) -> List[FAUDataSample]:
        """Set a head output on data samples: ``pred_score`` (the
        probabilities), ``pred_label`` (the presence the head's threshold
        gives them) and ``pred_threshold``; ``pred_intensity`` and
        ``pred_score_au`` / ``pred_label_au`` (the second prediction)
        where the output has them.

        Args:
            output (AUHeadOutput): For N faces.
            data_samples (list[FAUDataSample], optional): N samples to fill
                in; new ones are made when None.

        Returns:
            list[FAUDataSample]
        """
        scores = output.probabilities
        if data_samples is None:
            data_samples = [FAUDataSample() for _ in range(len(scores))]
        threshold = self.threshold.to(scores.device)
        aux = None if output.aux_logits is None else \
            output.aux_logits.float().sigmoid()
        for i, sample in enumerate(data_samples):
            sample.set_pred_score(scores[i], threshold)
            if aux is not None:
                sample.set_pred_score(aux[i], threshold, suffix='_au')
            if output.intensity is not None:
                sample.set_field(output.intensity[i].float(),
                                 'pred_intensity')
        return data_samples

"""What the rest of mmfau relies on from an AU head."""
from abc import ABCMeta, abstractmethod
from typing import Dict, List, Optional, Sequence, Union

from mmengine.model import BaseModule
from torch import Tensor

from mmfau.structures import FAUDataSample

from .components import presence_thresholds


class BaseAUHead(BaseModule, metaclass=ABCMeta):
    """The contract of an AU head: pooled region features in, one logit per
    AU out.

    The recognizer, the deployment graph (ONNX export and the CPU
    runtimes), the inferencer, the FLOPs tool, the metrics and the pictures
    rely on exactly this:

    - ``aus``: the AUs predicted, in the order of the outputs;
    - ``threshold``: the presence threshold per AU, a (K,) tensor buffer;
      the head owns it, so metric, CSV and pictures agree;
    - :meth:`au_logits`: the final per-AU logits (N, K); probabilities are
      their sigmoid;
    - :meth:`loss` and :meth:`predict`, as MMEngine's model calls them.

    A new head derives from this class, implements :meth:`au_logits` and
    :meth:`loss`, and inherits :meth:`predict`.

    Args:
        aus (Sequence[int]): The AUs predicted, in order.
        threshold (float | Sequence[float]): Probability from which an AU is
            present: one value, or one per AU.
        init_cfg (dict, optional): Initialisation config.
    """

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
    def au_logits(self, region_feats: Tensor) -> Tensor:
        """The final per-AU logits.

        Args:
            region_feats (Tensor): Pooled region features (N, R, C).

        Returns:
            Tensor: (N, K), in the order of ``aus``.
        """

    @abstractmethod
    def loss(self, region_feats: Tensor,
             data_samples: List[FAUDataSample]) -> Dict[str, Tensor]:
        """The losses of a batch, each key starting with ``loss``.

        Args:
            region_feats (Tensor): Pooled region features (N, R, C).
            data_samples (list[FAUDataSample]): With ``gt_au`` and
                ``gt_au_mask`` (False where a label is unknown).

        Returns:
            dict[str, Tensor]
        """

    def predict(self,
                region_feats: Tensor,
                data_samples: Optional[List[FAUDataSample]] = None
                ) -> List[FAUDataSample]:
        """Set ``pred_score``, ``pred_label`` and ``pred_threshold`` from
        :meth:`au_logits` and the head's threshold.

        Args:
            region_feats (Tensor): Pooled region features (N, R, C).
            data_samples (list[FAUDataSample], optional): Samples to fill
                in; new ones are made when None.

        Returns:
            list[FAUDataSample]
        """
        return self.scored_samples(self.au_logits(region_feats), data_samples)

    def scored_samples(self,
                       logits: Tensor,
                       data_samples: Optional[List[FAUDataSample]] = None,
                       suffix: str = '') -> List[FAUDataSample]:
        """Set the probabilities of per-AU logits (N, K) and the presence
        the head's threshold gives them on each sample.

        Args:
            logits (Tensor): (N, K).
            data_samples (list[FAUDataSample], optional): Samples to fill
                in; new ones are made when None.
            suffix (str): ``''`` for the final prediction (``pred_score``,
                ``pred_label``, ``pred_threshold``), e.g. ``'_au'`` for a
                second one.

        Returns:
            list[FAUDataSample]
        """
        scores = logits.float().sigmoid()
        if data_samples is None:
            data_samples = [FAUDataSample() for _ in range(len(scores))]
        threshold = self.threshold.to(scores.device)
        for sample, score in zip(data_samples, scores):
            sample.set_pred_score(score, threshold, suffix=suffix)
        return data_samples

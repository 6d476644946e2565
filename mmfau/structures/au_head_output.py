"""What every AU head returns for a batch of faces."""
from typing import NamedTuple, Optional

from torch import Tensor


class AUHeadOutput(NamedTuple):
    """The outputs of an AU head for N faces and the head's K AUs, in the
    order of its ``aus``.

    The one thing the recognizer (``mode='tensor'`` returns it), the
    deployment graph and its runtimes, the inferencer, the FLOPs tool, the
    metrics and the pictures read from a head. A named tuple, so that it
    passes through ``torch.compile``, tracing and ONNX export as plain
    tensors.

    Attributes:
        logits (Tensor): (N, K) the final per-AU logits. Probabilities are
            their sigmoid; an AU is present from the head's ``threshold``.
        intensity (Tensor, optional): (N, K) estimated FACS intensity
            (0-5), from heads that estimate it (``estimates_intensity``);
            None otherwise.
        aux_logits (Tensor, optional): (N, K) a second prediction of the
            same AUs, scored beside the final one (in
            :class:`~mmfau.models.heads.FACSRuleHead` the AU encoder's,
            when the decoder makes the final one); None otherwise.
    """

    logits: Tensor
    intensity: Optional[Tensor] = None
    aux_logits: Optional[Tensor] = None

    @property
    def probabilities(self) -> Tensor:
        """(N, K) float32 probability of each AU."""
        return self.logits.float().sigmoid()

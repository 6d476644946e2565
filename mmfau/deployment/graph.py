"""The recognizer as one graph from face pixels and region boxes to its
outputs, for export and for the runtimes."""
from typing import Tuple

from torch import Tensor, nn


class AUInferenceGraph(nn.Module):
    """Normalisation, then the recognizer's forward path
    (:meth:`~mmfau.models.FAURecognizer.region_features` and the head), in
    one module whose outputs are plain tensors.

    Args:
        model (nn.Module): A built :class:`mmfau.models.FAURecognizer`.
    """

    def __init__(self, model: nn.Module) -> None:
        super().__init__()
        preprocessor = model.data_preprocessor
        self.register_buffer('mean', preprocessor.mean.view(1, -1, 1, 1))
        self.register_buffer('std', preprocessor.std.view(1, -1, 1, 1))
        self.to_rgb = bool(preprocessor._channel_conversion)
        self.model = model

    @property
    def output_names(self) -> Tuple[str, ...]:
        """``('probabilities', )``, and ``'intensity'`` when the head
        estimates it."""
        return OUTPUT_NAMES[:2 if self.model.head.estimates_intensity
                            else 1]

    def forward(self, images: Tensor, boxes: Tensor) -> Tuple[Tensor, ...]:
        """The outputs of a batch of aligned faces.

        Args:
            images (Tensor): BGR faces (N, 3, H, W), float, 0-255.
            boxes (Tensor): Judgment-region boxes (N, R, 4) in pixels.

        Returns:
            tuple[Tensor, ...]: As :attr:`output_names`: the probabilities
            (N, K) of the model's final prediction, and its intensity
            (N, K, float32) when the head estimates it.
        """
        if self.to_rgb:
            images = images.flip(1)
        images = (images - self.mean) / self.std
        output = self.model.head(self.model.region_features(images, boxes))
        if output.intensity is None:
            return (output.probabilities, )
        return output.probabilities, output.intensity.float()


#: The graph's input and output names.
INPUT_NAMES = ('images', 'boxes')
OUTPUT_NAMES = ('probabilities', 'intensity')

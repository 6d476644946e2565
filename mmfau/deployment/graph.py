"""The recognizer as one graph from face pixels and region boxes to AU
probabilities, for export and for other runtimes."""
import torch
from torch import Tensor, nn

from mmfau.models.necks import RegionRoIAlign


class AUProbabilityGraph(nn.Module):
    """Normalisation, backbone, region pooling and head in one forward.

    Args:
        model (nn.Module): A built :class:`mmfau.models.FAURecognizer`.
        portable (bool): Pool regions with torchvision's RoIAlign (an ONNX
            operator; the same values as the default separable pooling)
            instead of the separable products, whose sample counts depend
            on the boxes and cannot be traced.
    """

    def __init__(self, model: nn.Module, portable: bool = False) -> None:
        super().__init__()
        preprocessor = model.data_preprocessor
        self.register_buffer('mean', preprocessor.mean.view(1, -1, 1, 1))
        self.register_buffer('std', preprocessor.std.view(1, -1, 1, 1))
        self.to_rgb = bool(preprocessor._channel_conversion)
        self.backbone = model.backbone
        self.neck = model.neck
        if portable and model.neck.backend != 'torchvision':
            neck = model.neck
            self.neck = RegionRoIAlign(neck.output_size, neck.spatial_scale,
                                       neck.sampling_ratio, neck.aligned,
                                       backend='torchvision')
        self.head = model.head

    def forward(self, images: Tensor, boxes: Tensor) -> Tensor:
        """AU probabilities of a batch of aligned faces.

        Args:
            images (Tensor): BGR faces (N, 3, H, W), float, 0-255.
            boxes (Tensor): Judgment-region boxes (N, R, 4) in pixels.

        Returns:
            Tensor: Probabilities (N, K) of the model's final prediction.
        """
        if self.to_rgb:
            images = images.flip(1)
        images = (images - self.mean) / self.std
        logits = self.head.au_logits(self.neck(self.backbone(images), boxes))
        return torch.sigmoid(logits.float())

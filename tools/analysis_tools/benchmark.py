"""Time training, inference, data loading and decoding of a config.

    python tools/analysis_tools/benchmark.py CONFIG [--batch-size 32] \
        [--amp] [--channels-last] [--compile] [--out benchmark.json]

On the same batches, after warm-up, it times (median of --iters runs): the
full model's training step; the backbone alone (the config's backbone +
global pooling + a linear classifier, trained the same way) as the
reference; inference; then the config's training data loader with its
workers and in one process (one worker's share), and JPEG decoding of the
aligned faces with OpenCV, PIL and torchvision. It also counts the
operations one training step dispatches, for the whole model and for the
backbone and neck alone (a device-independent measure of launch overhead).
Prints images/s, the full/backbone step ratio and the counts and writes
them as JSON. It measures; it asserts nothing.
"""
import argparse
import io
import json
import os
import tempfile
import time
from typing import Callable, Dict, List, Optional

import cv2
import numpy as np
import torch
from mmengine.config import DictAction
from mmengine.dataset import pseudo_collate
from mmengine.registry import OPTIMIZERS
from torch import nn

from mmfau.apis import register_all_modules, set_inference_meta
from mmfau.engine.runner import SafeCheckpointRunner, resolve_loader_options
from mmfau.registry import MODELS
from mmfau.utils import (
    describe_device,
    exit_on_user_error,
    load_config,
    median_seconds,
)

from op_count import count_ops


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config', help='config file path')
    parser.add_argument('--batch-size', type=int,
                        help='default: the config training batch size')
    parser.add_argument('--iters', type=int, default=5,
                        help='timed iterations (median)')
    parser.add_argument('--warmup', type=int, default=2)
    parser.add_argument('--loader-batches', type=int, default=10)
    parser.add_argument('--device', default=None, help='default: cuda if '
                        'available, else cpu')
    parser.add_argument('--amp', action='store_true',
                        help='autocast (bf16 where supported, else fp16)')
    parser.add_argument('--channels-last', action='store_true')
    parser.add_argument('--operations-only', action='store_true',
                        help='count the operations per training step and '
                        'time nothing (a count is exact beside other jobs)')
    parser.add_argument('--compile', action='store_true',
                        help='compile the model\'s forward and losses into '
                        'one graph first (FAURecognizer.compile_steps); '
                        'the operations are counted in eager')
    parser.add_argument(
        '--video-frames', type=int, default=60,
        help='frames of the synthetic video for the end-to-end video and '
        'converter measurements (0: skip them)')
    parser.add_argument('--out', default='benchmark.json', help='JSON file')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override settings of the config')
    return parser.parse_args()


class Reference(nn.Module):
    """The reference: a recognizer's backbone with global average pooling
    (or, ``with_neck``, its region features averaged over the regions) and
    linear AU logits instead of its head."""

    def __init__(self, model: nn.Module, channels: int, num_aus: int,
                 with_neck: bool) -> None:
        super().__init__()
        model.head = None
        self.model = model
        self.with_neck = with_neck
        self.fc = nn.Linear(channels, num_aus)

    def forward(self, inputs: torch.Tensor,
                boxes: torch.Tensor) -> torch.Tensor:
        if self.with_neck:
            return self.fc(self.model.region_features(inputs, boxes).mean(1))
        feats = self.model.backbone(inputs)
        return self.fc(feats[-1].mean(dim=(2, 3)))


def _sync(device: str) -> Optional[Callable]:
    """What waits for the device's queued work, if it queues."""
    return torch.cuda.synchronize if device.startswith('cuda') else None


def training_step(model: nn.Module, loss_fn: Callable, optimizer_cfg: dict,
                  autocast: Callable) -> Callable:
    """One optimisation step with the config's optimizer."""
    optimizer = OPTIMIZERS.build(
        dict(optimizer_cfg, params=model.parameters()))

    def step():
        optimizer.zero_grad(set_to_none=True)
        with autocast():
            loss = loss_fn()
        loss.backward()
        optimizer.step()

    return step


def loader_images_per_s(loader, batches: int) -> Optional[float]:
    """Images/s a data loader delivers over ``batches`` batches, after its
    first (which includes starting the workers)."""
    start = None
    count = 0
    for i, batch in enumerate(loader):
        if i == 1:
            start = time.perf_counter()
        elif i > 1:
            count += len(batch['inputs'])
        if i >= batches:
            break
    return count / (time.perf_counter() - start) if count else None


def count_operations(full_step: Callable,
                     reference_step: Callable) -> Dict[str, object]:
    """The operations one training step dispatches (forward, backward and
    the optimizer; every ATen operation, views included), for the whole
    model and for its backbone and neck alone: on a GPU, where nothing
    fuses them, nearly each is a kernel launch, so their number bounds the
    step's time however fast the device."""
    full_step()  # the optimizers' state exists from the first step on
    reference_step()
    whole, reference = count_ops(full_step), count_ops(reference_step)
    by_name = whole.counts.copy()
    by_name.subtract(reference.counts)
    return dict(
        **_head_share(whole.total, reference.total),
        # views launch no kernel anywhere: what remains bounds the launches
        without_views=_head_share(whole.computing, reference.computing),
        head_by_operation=dict(
            (name, n) for name, n in by_name.most_common() if n > 0))


def _head_share(whole: int, reference: int) -> Dict[str, float]:
    """Operations of the whole model, of the backbone and neck, and what
    the head adds to them, absolute and relative."""
    added = whole - reference
    return dict(
        whole_model=whole,
        backbone_and_neck=reference,
        added_by_head=added,
        head_over_backbone_and_neck=added / reference)


def decode_rates(images: List[np.ndarray], repeat: int = 3
                 ) -> Dict[str, float]:
    """Images/s of JPEG decoding with OpenCV, PIL and torchvision."""
    from PIL import Image
    from torchvision.io import decode_jpeg
    encoded = [cv2.imencode('.jpg', img, [cv2.IMWRITE_JPEG_QUALITY, 95])[1]
               for img in images]
    decoders = {
        'opencv': lambda b: cv2.imdecode(b, cv2.IMREAD_COLOR),
        'pil': lambda b: np.asarray(
            Image.open(io.BytesIO(b.tobytes())).convert('RGB')),
        'torchvision': lambda b: decode_jpeg(torch.from_numpy(b)),
    }
    rates = {}
    for name, decode in decoders.items():
        start = time.perf_counter()
        for _ in range(repeat):
            for data in encoded:
                decode(data)
        rates[name] = len(encoded) * repeat / (time.perf_counter() - start)
    return rates


def video_rates(model, num_frames: int, folder: str) -> Dict[str, object]:
    """Frames/s of video inference (decode, landmarks, alignment, model)
    per landmark backend with the faces found per frame (one person is
    shown in every frame), and frames/s of the BP4D converter with dlib."""
    import os.path as osp

    from mmfau.apis import FaceAUInferencer
    from mmfau.datasets.converters import (
        ConversionReport,
        LabelledSequence,
        convert,
    )
    from mmfau.datasets.synthetic import write_synthetic_video
    from mmfau.facs import BP4D_AUS

    video = osp.join(folder, 'faces.avi')
    truth = write_synthetic_video(video, num_frames, face_size=256)
    landmark_file = osp.join(folder, 'landmarks.json')
    with open(landmark_file, 'w') as f:
        json.dump({f'faces.avi/{t}': [p.tolist() for p in faces]
                   for t, faces in enumerate(truth['landmarks'])}, f)
    backends = {
        'file (landmarks given)': (dict(type='FileLandmarks',
                                        path=landmark_file), 1),
        'dlib, detect every frame': (dict(type='DlibLandmarkDetector'), 1),
        'dlib, detect every 10th frame': (dict(type='DlibLandmarkDetector'),
                                          10),
        'fan, detect every 10th frame': (dict(type='FANLandmarkDetector'),
                                         10),
    }
    rates = {}
    for name, (detector, every) in backends.items():
        try:
            inferencer = FaceAUInferencer(model, detector,
                                          redetect_every=every)
        except (OSError, RuntimeError, ImportError) as err:
            # e.g. FAN's weights cannot be downloaded
            rates[name] = f'unavailable: {type(err).__name__}: {err}'[:200]
            continue
        found = []
        seconds, = median_seconds(
            [lambda: found.append(inferencer(video))], 3, 1)
        faces = sum(len(frame.faces) for frame in found[-1])
        rates[name] = dict(
            frames_per_s=num_frames / seconds,
            faces_per_frame=faces / num_frames)
    frames = {}
    capture = cv2.VideoCapture(video)
    for t in range(num_frames):
        ok, image = capture.read()
        path = osp.join(folder, 'frames', f'{t:04d}.jpg')
        os.makedirs(osp.dirname(path), exist_ok=True)
        cv2.imwrite(path, image)
        frames[t] = path
    sequence = LabelledSequence('F001', 'T1',
                                {t: [0] * len(BP4D_AUS) for t in frames},
                                frame_files=frames, key_prefix='F001/T1')
    start = time.perf_counter()
    try:
        convert('BP4D', [sequence], BP4D_AUS, osp.join(folder, 'converted'),
                dict(type='DlibLandmarkDetector'), ConversionReport())
        converter = num_frames / (time.perf_counter() - start)
    except ImportError as err:  # dlib is an optional extra
        converter = f'unavailable: {err}'[:200]
    return dict(video_inference_frames_per_s=rates,
                converter_frames_per_s={'bp4d, dlib, 1 process': converter})


def main():
    args = parse_args()
    register_all_modules()
    cfg = load_config(args.config, args.cfg_options)
    device = args.device or ('cuda' if torch.cuda.is_available() else 'cpu')
    batch_size = args.batch_size or cfg.train_dataloader.batch_size
    cfg.train_dataloader.batch_size = batch_size
    amp_dtype = None
    if args.amp:
        amp_dtype = torch.bfloat16 if (device == 'cpu' or torch.cuda.
                                       is_bf16_supported()) else torch.float16

    def autocast():
        return torch.autocast(
            device.split(':')[0], dtype=amp_dtype, enabled=args.amp)

    memory_format = torch.channels_last if args.channels_last else \
        torch.contiguous_format
    model_cfg = cfg.model.copy()
    model_cfg.backbone = dict(model_cfg.backbone, init_cfg=None)
    model = MODELS.build(model_cfg).to(device).to(
        memory_format=memory_format).train()
    loader_cfg = resolve_loader_options(cfg.train_dataloader)
    loader = SafeCheckpointRunner.build_dataloader(loader_cfg)
    dataset = loader.dataset
    samples = [dataset[i % len(dataset)] for i in range(batch_size)]
    data = model.data_preprocessor(pseudo_collate(samples), True)
    inputs = data['inputs'].contiguous(memory_format=memory_format)
    data_samples = data['data_samples']
    num_aus = len(cfg.model.head.aus)
    optimizer_cfg = dict(cfg.optim_wrapper.optimizer)

    def full_loss():
        return sum(model(inputs, data_samples, mode='loss').values())

    boxes = torch.stack([s.region_boxes for s in data_samples]).to(device)
    targets = torch.stack([s.gt_au for s in data_samples]).to(device)

    def reference_step(with_neck: bool) -> Callable:
        recognizer = MODELS.build(model_cfg)
        channels = recognizer.backbone(torch.zeros(1, 3, 64, 64))[-1].shape[1]
        reference = Reference(recognizer, channels, num_aus, with_neck).to(
            device).to(memory_format=memory_format).train()
        return training_step(
            reference, lambda: nn.functional.binary_cross_entropy_with_logits(
                reference(inputs, boxes).float(), targets), optimizer_cfg,
            autocast)

    full_step = training_step(model, full_loss, optimizer_cfg, autocast)
    operations = count_operations(full_step, reference_step(with_neck=True))
    if args.operations_only:
        write(dict(config=args.config, device=describe_device(device),
                   torch=torch.__version__, batch_size=batch_size,
                   operations_per_training_step=operations), args.out)
        return
    if args.compile:
        model.compile_steps()
    full, backbone_time = median_seconds(
        [full_step, reference_step(with_neck=False)], args.iters,
        args.warmup, _sync(device))

    model.eval()

    def infer():
        with torch.no_grad(), autocast():
            model(inputs, data_samples, mode='predict')

    inference, = median_seconds([infer], args.iters, args.warmup,
                                _sync(device))

    loader_rate = loader_images_per_s(loader, args.loader_batches)
    # one worker's share: the same loader in this process alone
    one_worker = loader_images_per_s(
        SafeCheckpointRunner.build_dataloader(dict(loader_cfg, num_workers=0)),
        max(2, args.loader_batches // max(loader_cfg['num_workers'], 1)))

    # the faces a converted dataset reads, or those the synthetic one draws
    infos = [
        dataset.get_data_info(i % len(dataset))
        for i in range(min(64, len(dataset)))
    ]
    images = [
        info['img'] if 'img' in info else cv2.imread(info['img_path'])
        for info in infos
    ]
    decoding = decode_rates(images) if images[0] is not None else None

    result = dict(
        config=args.config,
        device=describe_device(device),
        torch=torch.__version__,
        precision=str(amp_dtype).replace('torch.', '') if amp_dtype else
        'float32',
        channels_last=args.channels_last,
        compiled=args.compile,
        neck_backend=cfg.model.neck.get('backend', 'separable'),
        batch_size=batch_size,
        input_size=list(inputs.shape[2:]),
        train_images_per_s=dict(
            full=batch_size / full, backbone_only=batch_size / backbone_time),
        train_step_ratio_full_over_backbone=full / backbone_time,
        operations_per_training_step=operations,
        inference_images_per_s=batch_size / inference,
        loader_images_per_s=loader_rate,
        loader_workers=loader_cfg['num_workers'],
        loader_images_per_s_per_worker=one_worker,
        loader_faster_than_training=(loader_rate is not None
                                     and loader_rate >= batch_size / full),
        jpeg_decode_images_per_s=decoding,
    )
    if args.video_frames > 0:
        with tempfile.TemporaryDirectory() as folder:
            set_inference_meta(model, cfg, dataset.metainfo)
            result.update(video_rates(model, args.video_frames, folder))
    write(result, args.out)


def write(result: dict, path: str) -> None:
    print(json.dumps(result, indent=2))
    with open(path, 'w') as f:
        json.dump(result, f, indent=2)
    print(f'wrote {path}')


if __name__ == '__main__':
    exit_on_user_error(main)

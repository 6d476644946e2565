"""Draw the last-layer self-attention of the AU and region encoders for one
test face, as heat maps beside the face (the paper's Figure 3).

    python tools/analysis_tools/vis_attention.py CONFIG CHECKPOINT \
        --index 0 --out attention.png
"""
import argparse

import matplotlib

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402
import torch  # noqa: E402
from mmengine.config import DictAction  # noqa: E402
from mmengine.dataset import pseudo_collate  # noqa: E402

from mmfau.apis import init_model  # noqa: E402
from mmfau.facs import REGION_NAMES  # noqa: E402
from mmfau.models.heads import FACSRuleHead  # noqa: E402
from mmfau.registry import DATASETS  # noqa: E402
from mmfau.utils import exit_on_user_error  # noqa: E402
from mmfau.visualization import FAUVisualizer  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config', help='config file path')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--index', type=int, default=0,
                        help='index of the face in the test set')
    parser.add_argument('--out', default='attention.png', help='PNG file')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override settings of the config')
    return parser.parse_args()


@torch.no_grad()
def encoder_attention(model, batch) -> dict:
    """The last layer's self-attention (mean over heads) of Ea over the AU
    tokens and of Er over the region tokens, as the head computes them for
    one batch; None where the model has no such encoder."""
    data = model.data_preprocessor(batch, False)
    feats = model.extract_feat(data['inputs'], data['data_samples'])
    outputs = model.head.branches(feats, return_attention=True)
    return {
        name: outputs[f'{name}_attention'][:, -1]
        if f'{name}_attention' in outputs else None
        for name in ('au', 'region')
    }


def main():
    args = parse_args()
    model = init_model(args.config, args.checkpoint,
                       cfg_options=args.cfg_options)
    if not isinstance(model.head, FACSRuleHead):
        raise ValueError(f'{args.config}: vis_attention draws the encoders '
                         'of FACSRuleHead; the head is '
                         f'{type(model.head).__name__}.')
    dataset = DATASETS.build(model.cfg.test_dataloader.dataset)
    batch = pseudo_collate([dataset[args.index]])
    attention = encoder_attention(model, batch)
    with torch.no_grad():
        sample = model.test_step(batch)[0]
    au_names = model.dataset_meta['au_names']
    visualizer = FAUVisualizer(au_names=au_names)
    image = batch['inputs'][0].permute(1, 2, 0).numpy()[..., ::-1]
    face = visualizer.add_datasample('face', image, sample)

    panels = [('face', None, None)]
    if attention['au'] is not None:
        panels.append(('AU encoder Ea', attention['au'][0], au_names))
    if attention['region'] is not None:
        regions = [f'{i + 1} {n}' for i, n in enumerate(REGION_NAMES)]
        panels.append(('region encoder Er', attention['region'][0], regions))
    fig, axes = plt.subplots(
        1, len(panels), figsize=(6 * len(panels), 6),
        gridspec_kw=dict(width_ratios=[1.3] + [1] * (len(panels) - 1)))
    axes[0].imshow(face)
    axes[0].set_title('face, regions and predicted AU probabilities')
    axes[0].axis('off')
    for ax, (title, weights, labels) in zip(axes[1:], panels[1:]):
        shown = ax.imshow(weights.numpy(), cmap='viridis')
        ax.set_xticks(range(len(labels)), labels, rotation=90, fontsize=8)
        ax.set_yticks(range(len(labels)), labels, fontsize=8)
        ax.set_title(f'{title}: last-layer self-attention\n(row attends to '
                     'column, mean over heads)')
        fig.colorbar(shown, ax=ax, fraction=0.046)
    fig.tight_layout()
    fig.savefig(args.out, dpi=110)
    print(f'wrote {args.out}')


if __name__ == '__main__':
    exit_on_user_error(main)

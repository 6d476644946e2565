#!/usr/bin/env bash
# The CUDA checks of the speed work in one short run, for a session lent a
# GPU: the paper's model at batch 32 in float32, in bf16 (+ channels-last),
# and compiled (one graph), each with the backbone alone beside it, the
# loader, and the operations per step; then the same model fed by the
# converted-data loader (synthetic faces in BP4D's layout, converted).
# JSON files go to $OUT (default docs/benchmarks), named after the device.
#
#   bash tools/analysis_tools/gpu_checks.sh [OUT]
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-docs/benchmarks}
mkdir -p "$OUT"
name=$(python -c "import torch; print(torch.cuda.get_device_name(0).split()[1].lower())")
config=configs/fau/full_r50_synthetic.py
common=(--iters 10 --warmup 3 --video-frames 0)
python tools/analysis_tools/benchmark.py $config "${common[@]}" \
    --out "$OUT/${name}_full_r50_synthetic_fp32.json"
python tools/analysis_tools/benchmark.py $config --amp --channels-last \
    "${common[@]}" --out "$OUT/${name}_full_r50_synthetic_bf16_channels_last.json"
python tools/analysis_tools/benchmark.py $config --compile "${common[@]}" \
    --out "$OUT/${name}_full_r50_synthetic_fp32_compiled.json"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
python tools/misc/synthetic_bp4d.py "$data/release" --frames 300
python tools/dataset_converters/bp4d.py "$data/release" --out "$data/bp4d" \
    --landmarks file --landmark-file "$data/release/landmarks.json"
python tools/analysis_tools/benchmark.py configs/fau/full_bp4d_f1.py \
    "${common[@]}" --cfg-options train_dataloader.dataset.data_root="$data/bp4d" \
    --out "$OUT/${name}_full_bp4d_converted_synthetic_faces.json"

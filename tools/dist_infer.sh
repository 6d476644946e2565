#!/usr/bin/env bash
# Usage: bash tools/dist_infer.sh CONFIG CHECKPOINT INPUTS NUM_PROCESSES \
#            --out-dir DIR [infer.py options]
# One process per GPU (on a machine without CUDA, processes on the CPU over
# gloo), each taking every N-th input of the collection; the first writes
# DIR/index.csv. INPUTS is one folder, pattern or list (quote a pattern).
# Multi-node: set NNODES, NODE_RANK, MASTER_ADDR and PORT, and give DIR on
# storage every node sees.
CONFIG=$1
CHECKPOINT=$2
INPUTS=$3
PROCESSES=$4
NNODES=${NNODES:-1}
NODE_RANK=${NODE_RANK:-0}
PORT=${PORT:-29500}
MASTER_ADDR=${MASTER_ADDR:-"127.0.0.1"}

PYTHONPATH="$(dirname "$0")/..":$PYTHONPATH \
python -m torch.distributed.run \
    --nnodes="$NNODES" \
    --node_rank="$NODE_RANK" \
    --master_addr="$MASTER_ADDR" \
    --nproc_per_node="$PROCESSES" \
    --master_port="$PORT" \
    "$(dirname "$0")/infer.py" \
    "$INPUTS" "$CONFIG" "$CHECKPOINT" \
    --launcher pytorch "${@:5}"

import csv

import pytest
import torch

from mmfau.evaluation import PredictionCSVWriter


def test_one_row_per_face_with_the_models_presence(tmp_path):
    out = tmp_path / 'pred.csv'
    writer = PredictionCSVWriter(out_file=str(out))
    writer.dataset_meta = dict(au_names=['AU1', 'AU2'])
    writer.process(None, [
        dict(subject='F001', session='T1', frame=3, img_path='a.jpg',
             pred_score=torch.tensor([0.45, 0.7]),
             pred_label=torch.tensor([True, False])),
        dict(subject='F002', session='T2', frame=4, img_path='b.jpg',
             pred_score=torch.tensor([0.1, 0.9]),
             pred_label=torch.tensor([False, True])),
    ])
    assert writer.compute_metrics(writer.results) == {}
    rows = list(csv.DictReader(out.open()))
    assert [r['subject'] for r in rows] == ['F001', 'F002']
    # presence is what the model decided, not a threshold of the writer
    assert rows[0]['AU1'] == '1' and rows[0]['AU2'] == '0'
    assert rows[0]['AU1_prob'] == '0.4500'
    assert rows[1]['frame'] == '4' and rows[1]['img_path'] == 'b.jpg'


def test_the_output_must_be_a_csv_file():
    with pytest.raises(ValueError, match='.csv'):
        PredictionCSVWriter(out_file='pred.txt')


def test_intensity_columns_when_the_model_estimates_them(tmp_path):
    out = tmp_path / 'pred.csv'
    writer = PredictionCSVWriter(out_file=str(out))
    writer.dataset_meta = dict(au_names=['AU1', 'AU2'])
    writer.process(None, [
        dict(subject='s', session='t', frame=0, img_path='a.jpg',
             pred_score=torch.tensor([0.45, 0.7]),
             pred_label=torch.tensor([True, False]),
             pred_intensity=torch.tensor([1.25, 3.5]))
    ])
    writer.compute_metrics(writer.results)
    row, = csv.DictReader(out.open())
    assert row['AU1_intensity'] == '1.250' and row['AU2_intensity'] == '3.500'

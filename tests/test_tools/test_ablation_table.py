"""The ablation table's summary of runs: means, spreads over seeds, the
lowest AU and the per-AU scores."""
import pytest

from ablation_table import (
    ablation_rows,
    per_au_rows,
    summarize_variant,
)


def _run(f1, auc, ea=None):
    metrics = {'F1/mean': sum(f1) / 2, 'F1/AU1': f1[0], 'F1/AU9': f1[1],
               'AUC/mean': sum(auc) / 2, 'AUC/AU1': auc[0],
               'AUC/AU9': auc[1], 'AP/mean': 0.5, 'AP/AU1': 0.4,
               'AP/AU9': 0.6}
    if ea is not None:
        metrics.update({'F1_Ea/mean': sum(ea) / 2, 'F1_Ea/AU1': ea[0],
                        'F1_Ea/AU9': ea[1]})
    return metrics


def test_decoder_variants_show_their_au_encoder_and_every_lowest_au():
    full = summarize_variant('full', {
        (0, 1): _run([80.0, 0.0], [0.9, 0.8], ea=[81.0, 60.0]),
        (1, 1): _run([82.0, 70.0], [0.9, 0.9], ea=[80.0, 64.0])})
    crm = summarize_variant('crm', {
        (0, 1): _run([70.0, 50.0], [0.8, 0.7]),
        (1, 1): _run([72.0, 52.0], [0.8, 0.7])})
    assert full.f1_mean == pytest.approx(58.0)
    assert full.scores['F1_Ea'][0] == pytest.approx(71.25)
    assert full.lowest_au_f1 == 0.0  # AU9 never crossed in seed 0
    assert full.per_au_scores['AUC'] == pytest.approx(dict(AU1=0.9,
                                                           AU9=0.85))
    assert 'F1_Ea' not in crm.scores and crm.lowest_au_f1 == 50.0
    rows = ablation_rows([crm, full], dict(crm=dict(au_encoder=None,
                                                     region_encoder=None,
                                                     decoder=None)))
    assert rows[0][-6:] == ['F1 mean ± std', 'AUC mean ± std',
                            'AP mean ± std', 'Ea F1 mean ± std',
                            'lowest AU F1', 'paper BP4D']
    assert rows[1][-3] == '' and rows[2][-3] == '71.2 ± 1.1'
    per_au = per_au_rows([crm, full])
    assert [r[:2] for r in per_au[1:]] == [
        ['crm', 'F1'], ['crm', 'AUC'], ['crm', 'AP'], ['full', 'F1'],
        ['full', 'AUC'], ['full', 'AP'], ['full', 'F1_Ea']]
    assert per_au[-1][2:] == ['80.5', '62.0']

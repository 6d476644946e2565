import pytest

from mmfau.utils import threads_per_job, usable_cores


@pytest.fixture
def twelve_cores(monkeypatch):
    monkeypatch.setattr('os.sched_getaffinity', lambda _: set(range(12)),
                        raising=False)
    monkeypatch.delenv('OMP_NUM_THREADS', raising=False)


def test_the_usable_cores_are_the_affinity_not_the_machine(monkeypatch):
    monkeypatch.setattr('os.sched_getaffinity', lambda _: {3, 5},
                        raising=False)
    monkeypatch.setattr('os.cpu_count', lambda: 64)
    assert usable_cores() == 2


@pytest.mark.parametrize('jobs,threads', [(2, 6), (5, 2), (12, 1), (40, 1)])
def test_jobs_side_by_side_share_the_cores(twelve_cores, jobs, threads):
    assert threads_per_job(jobs) == threads


def test_one_job_alone_keeps_every_core(twelve_cores):
    assert threads_per_job(1) is None


def test_the_users_thread_setting_wins(twelve_cores, monkeypatch):
    monkeypatch.setenv('OMP_NUM_THREADS', '3')
    assert threads_per_job(4) is None


def test_an_empty_thread_setting_is_no_setting(twelve_cores, monkeypatch):
    monkeypatch.setenv('OMP_NUM_THREADS', '')
    assert threads_per_job(4) == 3

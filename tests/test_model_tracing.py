"""The network's calls are traced once used a few times: a one-file run (the command line, a REAPER action: a
process each, a call or a few) traces nothing (tracing took 0.3 s of its 3-4), a session that keeps generating
(the panel) traces the calls it uses, a live session traces them all before it plays, and tracing never changes
the drums."""

import numpy as np
import pytest

from reagroove.models import api, loaded_model
from reagroove.models.loaded_model import Drummer

CALLS = ("prior", "posterior", "decoder", "generate")


def _grooves(n=6, seed=0):
    rng = np.random.default_rng(seed)
    g = np.zeros((n, 32, 3), np.float32)
    hit = rng.random((n, 32)) < 0.5
    g[..., 0] = hit
    g[..., 1] = hit * rng.uniform(0.3, 1.0, hit.shape)
    return g


def _traced(drummer):
    import torch

    return {name for name in CALLS if isinstance(drummer.__dict__.get(name), torch.jit.ScriptModule)}


def test_a_one_file_drumify_traces_nothing_and_a_call_used_again_and_again_is_traced(monkeypatch):
    monkeypatch.setattr(loaded_model, "_CACHE", {})  # a fresh process's models
    first = api.drumify_batch(_grooves())
    assert _traced(api.load_model()) == set()
    for _ in range(loaded_model.TRACE_AFTER):  # a panel generating as its sliders move
        again = api.drumify_batch(_grooves())
    assert _traced(api.load_model()) == {"generate"}
    np.testing.assert_array_equal(first[..., :9], again[..., :9])  # the same hits, traced or not
    for _ in range(loaded_model.TRACE_AFTER):
        api.encode(_grooves())  # a pattern or the pad: the prior's point
    assert _traced(api.load_model()) == {"generate", "prior"}


def test_warming_traces_every_call_of_both_networks(monkeypatch):
    from reagroove.models.drummer import ShippedModel

    monkeypatch.setattr(loaded_model, "_CACHE", {})
    ShippedModel().warm()  # what a live session does before it plays
    assert _traced(api.load_model()) == set(CALLS)
    assert _traced(api.load_model(drum_part=True)) == set(CALLS)


@pytest.mark.parametrize("settings", [{}, {"temperature": 0.8, "seed": 2}, {"density": 0.3}, {"genre": "funk"}])
def test_traced_and_untraced_networks_play_the_same_drums(settings):
    traced, plain = Drummer(), Drummer(trace=False)
    traced.warm()
    g = _grooves()
    z = api.encode(g)  # explicit points go through the decoder, temperature with them through the prior
    for kw in (settings, {**settings, "z": z[::-1].copy()}):
        a = api._generate(traced, api._inputs(g, None), kw.get("z"), _conditioning(traced, len(g), kw))
        b = api._generate(plain, api._inputs(g, None), kw.get("z"), _conditioning(plain, len(g), kw))
        np.testing.assert_array_equal(a[..., :9], b[..., :9])  # the same hits
        np.testing.assert_allclose(a, b, atol=1e-6)
    assert _traced(traced) == set(CALLS) and not _traced(plain)


def test_a_call_that_cannot_be_traced_runs_as_it_is(monkeypatch):
    import torch

    def fail(*args, **kwargs):
        raise RuntimeError("tracing is not available here")

    monkeypatch.setattr(torch.jit, "trace", fail)
    failing, plain = Drummer(), Drummer(trace=False)
    g = _grooves()
    cond = _conditioning(failing, len(g), {})
    np.testing.assert_array_equal(api._generate(failing, api._inputs(g, None), None, cond),
                                  api._generate(plain, api._inputs(g, None), None, cond))
    assert not _traced(failing)


def _conditioning(drummer, n, settings):
    from reagroove.core.conditioning import Conditioning

    kw = {k: v for k, v in settings.items() if k != "z"}
    return Conditioning.of(n, tuned_thresholds=drummer.thresholds, **kw)

"""The drum generator: a small conditional transformer VAE from a band's groove to a 9-voice loop.

    input (B, 32, 6): the groove of everything played (hit, velocity, offset)
                      + the groove of the low-register (bass) part, zeros when unknown
    prior     p(z | input)          --> mu_p, logvar_p   (used to generate)
    posterior q(z | input, drums)   --> mu_q, logvar_q   (training; encoding a drum pattern)
    decoder   z + controls + the input step by step --> hit logits, velocity and offset
              corrections (B, 32, 9 each)

Why two encoders: a VAE whose only encoder reads the groove, with the groove
also fed to the decoder step by step, learns to ignore z (posterior = prior,
KL 0.004 nats, issue 10). Here the posterior reads the drums themselves, so z
carries the pattern: encoding a drum loop and decoding it with its groove
reproduces it, A/B patterns and the pad steer through z, and a z drawn from
the prior gives a different but fitting pattern (variations, seeds). Training
keeps z used with "free bits" (a KL floor per latent dimension) and by
dropping the decoder's step-by-step input now and then, and teaches the decoder
to play from the prior's z as well (the hybrid CVAE objective), since that is
what users hear.

Every token is the step position + a projection of [z, genre mix (9),
density (1), density-given (1), voice-group flags (5), fill (1)] + a
projection of the input at that step, then pre-norm transformer layers and one
linear head to 27 outputs per step. Velocities and offsets are predicted
relative to the groove: its own velocity/offset where it hits, its mean
velocity and 0 offset elsewhere (copying the groove's feel is already close).
With an input level (the band network's), each window's velocities are moved
to one mean before any layer reads them, so how loud a part is written is
not read as style; the corrections still apply to the part's own feel.

The layers are torch's nn.TransformerEncoderLayer (pre-norm, GELU): in
inference mode they run torch's fused fast path (0.6-1 ms for the whole
forward pass at batch 1 on one thread of this project's 2-core machine, with
oneDNN off as models/loaded_model.py sets it; `benchmarks/bench_model.py`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import torch
from torch import nn

from reagroove.core.genres import N_GENRES
from reagroove.core.loop import HVO_WIDTH, N_VOICES, STEPS, VOICE_GROUPS, VOICES

GROUP_NAMES = tuple(VOICE_GROUPS)  # kick, snare, hats, toms, cymbals
N_GROUPS = len(GROUP_NAMES)
# voice index -> group index
VOICE_GROUP_INDEX = tuple(next(i for i, g in enumerate(GROUP_NAMES) if v in VOICE_GROUPS[g]) for v in VOICES)
N_COND = N_GENRES + 1 + 1 + N_GROUPS + 1  # genre mix, density, density given, group flags, fill
DENSITY_SCALE = 4.0  # density enters x4: typical loop densities are 0.05-0.25
IN_WIDTH = 6  # groove (3) + bass groove (3)


@dataclass
class Config:
    d_model: int = 64
    n_heads: int = 4
    d_ff: int = 192
    enc_layers: int = 2
    dec_layers: int = 2
    latent: int = 16
    dropout: float = 0.1
    # each window's input moved to this mean velocity before the layers read it (0 = as played): a MIDI part's
    # loudness is its author's habit, and a network that reads it learns which training source a window came
    # from (freedoom's loud songs, GMD's quieter generated parts) instead of the rhythm
    input_level: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


def _const(value: float, like: torch.Tensor) -> torch.Tensor:
    """value as a (1,) tensor of like's dtype and device. Why: in the traced, frozen generation (models/loaded_model.py)
    it is a constant that an op reads like any tensor, while a Python number becomes a 0-dim constant that costs
    about 1.5 us per op at batch 1 (CPU-scalar path, a dtype conversion per call). The same results, bit for bit."""
    return torch.full((1,), value, dtype=like.dtype, device=like.device)


def groove_base(grooves: torch.Tensor, soft: bool = False) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-step base velocity and offset (B, 32, 1) that the decoder's corrections are added to.

    Where the groove hits: its velocity and offset. Elsewhere: the groove's mean
    velocity (0.5 for an empty groove) and offset 0. grooves (B, 32, 3 or more): the groove is columns 0-2
    (the network's input, whose columns 3-5 are not read, can be given whole). soft: the groove may be a
    blend of grooves (a point between a pattern and the input: Engine.target, interpolate), whose hit
    h < 1 and velocity h x v: that share of v, the rest the mean (as its own velocity, a pattern's hit on
    a step the input leaves empty had been played at 0.001 of the pattern's at follow 0.999)."""
    hit, vel, off = grooves[..., 0:1], grooves[..., 1:2], grooves[..., 2:3]
    n = hit.sum(1, keepdim=True)
    zero = _const(0.0, n)
    mean_vel = torch.where(n > zero, (vel * hit).sum(1, keepdim=True) / n.clamp(min=1), _const(0.5, n))
    if soft:
        vel = torch.addcmul(vel, 1 - hit, mean_vel)
    return torch.where(hit > zero, vel, mean_vel), off * hit


def level_inputs(inputs: torch.Tensor, level: float) -> torch.Tensor:
    """(B, 32, 6) inputs with each window's velocities shifted so the groove's hits average `level` (kept
    within 0.05..1; the bass groove moves with it, so its loudness against the band's stays)."""
    hits, vels = inputs[..., 0::3], inputs[..., 1::3]  # (groove, bass) columns
    # the groove's count and velocity sum written as groove_base writes them (the same slices of inputs): traced
    # together (models/loaded_model.py), they are computed once for both
    hit, vel = inputs[..., 0:1], inputs[..., 1:2]
    n = hit.sum(1, keepdim=True)
    shift = (_const(level, n) * n - (vel * hit).sum(1, keepdim=True)) / n.clamp(min=1)  # 0 if silent
    out = inputs.clone()
    out[..., 1::3] = (vels + shift).clamp(0.05, 1.0) * hits
    return out


def _stack(cfg: Config, n_layers: int) -> nn.TransformerEncoder:
    layer = nn.TransformerEncoderLayer(
        cfg.d_model, cfg.n_heads, cfg.d_ff, cfg.dropout, activation="gelu", batch_first=True, norm_first=True
    )
    return nn.TransformerEncoder(layer, n_layers, enable_nested_tensor=False)


class _Encoder(nn.Module):
    """(B, 32, width) -> mu, logvar (B, latent): transformer layers, mean-pooled."""

    def __init__(self, cfg: Config, width: int):
        super().__init__()
        self.inp = nn.Linear(width, cfg.d_model)
        self.pos = nn.Parameter(torch.randn(1, STEPS, cfg.d_model) * 0.02)
        self.layers = _stack(cfg, cfg.enc_layers)
        self.norm = nn.LayerNorm(cfg.d_model)
        self.out = nn.Linear(cfg.d_model, 2 * cfg.latent)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        h = self.norm(self.layers(self.inp(x) + self.pos))
        h = h.sum(1) / _const(STEPS, h)  # the mean over steps, as .mean(1) computes it (faster traced)
        out, half = self.out(h), self.out.out_features // 2
        return out[..., :half], out[..., half:].clamp(-8, 4)  # mu, logvar (slices: faster traced than chunk)


class DrumVAE(nn.Module):
    def __init__(self, cfg: Config | None = None):
        super().__init__()
        self.cfg = cfg = cfg or Config()
        d = cfg.d_model
        self.n_cond = N_COND
        self.prior = _Encoder(cfg, IN_WIDTH)
        self.posterior = _Encoder(cfg, IN_WIDTH + HVO_WIDTH)
        self.dec_in = nn.Linear(cfg.latent + N_COND, d)
        self.dec_groove = nn.Linear(IN_WIDTH, d)
        self.dec_pos = nn.Parameter(torch.randn(1, STEPS, d) * 0.02)
        self.decoder = _stack(cfg, cfg.dec_layers)
        self.dec_norm = nn.LayerNorm(d)
        self.head = nn.Linear(d, 3 * N_VOICES)
        with torch.no_grad():  # corrections start at 0: the model starts by copying the groove's feel
            self.head.weight[N_VOICES:].zero_()
            self.head.bias[N_VOICES:].zero_()

    def level(self, inputs: torch.Tensor) -> torch.Tensor:
        """The inputs as the layers read them: at the input level, if the network has one."""
        return level_inputs(inputs, self.cfg.input_level) if self.cfg.input_level > 0 else inputs

    def encode_prior(self, inputs: torch.Tensor, levelled: bool = False) -> tuple[torch.Tensor, torch.Tensor]:
        """(B, 32, 6) -> mu, logvar of p(z | input). levelled: the inputs already went through `level`."""
        return self.prior(inputs if levelled else self.level(inputs))

    def encode_posterior(self, inputs: torch.Tensor, hvo: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(B, 32, 6) input and (B, 32, 27) drums -> mu, logvar of q(z | input, drums)."""
        return self.posterior(torch.cat([self.level(inputs), hvo], -1))

    def decode(self, z: torch.Tensor, cond: torch.Tensor, inputs: torch.Tensor,
               skip: torch.Tensor | None = None, levelled: bool = False) -> torch.Tensor:
        """z (B, latent), cond (B, N_COND), inputs (B, 32, 6) -> raw outputs (B, 32, 27).

        Columns 0-8 hit logits, 9-17 velocity corrections, 18-26 offset
        corrections (see `finish`). skip (B, 1, 1): 0 hides the step-by-step
        input from the decoder (training only). The corrections are to the played input's feel (`finish`):
        the drums keep the part's own loudness."""
        inputs = inputs if levelled else self.level(inputs)
        h = self.dec_in(torch.cat([z, cond], -1)).unsqueeze(1) + self.dec_pos
        g = self.dec_groove(inputs)
        h = h + (g if skip is None else g * skip)
        return self.head(self.dec_norm(self.decoder(h)))


def finish(raw: torch.Tensor, inputs: torch.Tensor, vel_corr: float = 1.0, off_corr: float = 1.0, soft: bool = False):
    """Raw decoder outputs -> hit logits, velocities 0..1 and offsets -0.5..0.5 (B, 32, 9 each).

    vel_corr / off_corr scale the predicted corrections (0 = copy the groove's
    feel); the shipped model stores what measured better on validation. soft: see groove_base."""
    n = N_VOICES
    base_vel, base_off = groove_base(inputs, soft)  # whole: its slices are level_inputs' (see there)
    vel = (base_vel + _const(vel_corr, raw) * raw[..., n : 2 * n]).clamp(0.0, 1.0)
    off = (base_off + _const(off_corr, raw) * raw[..., 2 * n :]).clamp(-0.5, 0.5)
    return raw[..., :n], vel, off


def make_cond(genre, density, given, groups, fill):
    """Controls as the decoder's conditioning vector (B, N_COND).

    genre (B, 9) mix weights (all zero = no preference); density (B,) hits per
    cell of the 32 x 9 loop (0..1); given (B,) 1 where a density is asked for,
    0 = let the input decide; groups (B, 5) 1 = voice group on; fill (B,) 1 =
    play a fill. Works on numpy arrays and torch tensors alike."""
    lib = torch if isinstance(genre, torch.Tensor) else np
    return lib.concatenate([genre, (density * given)[:, None] * DENSITY_SCALE, given[:, None], groups, fill[:, None]], -1)


def gaussian_kl(mu_q, logvar_q, mu_p, logvar_p) -> torch.Tensor:
    """KL(q || p) of diagonal Gaussians, per latent dimension (B, latent)."""
    return 0.5 * (logvar_p - logvar_q + (logvar_q.exp() + (mu_q - mu_p) ** 2) / logvar_p.exp() - 1.0)


def n_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


__all__ = ["Config", "DrumVAE", "finish", "gaussian_kl", "groove_base", "level_inputs", "make_cond", "n_params", "GROUP_NAMES",
           "N_COND", "IN_WIDTH"]

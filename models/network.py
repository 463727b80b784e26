"""The drum generator: a small transformer VAE from a 32-step groove to a 9-voice loop.

    groove (B, 32, 3) --encoder--> mu, logvar (B, latent) --sample--> z
    z + controls --decoder (+ the groove's steps)--> hit logits, velocity and offset corrections (B, 32, 9 each)

Encoder: Linear(3 -> d) + learned step positions, a few pre-norm transformer
layers, mean-pooled to mu and log-variance of the latent.

Decoder: every step's token is the step position + a projection of
[z, genre mix (9), density (1), voice-group flags (5)] + a projection of the
groove at that step, then a few transformer layers and one linear head to
27 outputs per step: 9 hit logits, 9 velocity corrections, 9 offset
corrections. Velocities and offsets are predicted *relative to the groove*:
the base is the groove's own velocity/offset at that step (its mean velocity
and 0 offset on steps where the groove is silent), because copying the
groove's dynamics and timing onto the hits is already close (reference.md).

The layers are torch's nn.TransformerEncoderLayer (pre-norm, GELU): in
inference mode they run torch's fused "fast path", which is what keeps one
generation well under a millisecond on one CPU thread.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import torch
from torch import nn

from reagroove.core.genres import N_GENRES
from reagroove.core.loop import N_VOICES, STEPS, VOICE_GROUPS, VOICES

GROUP_NAMES = tuple(VOICE_GROUPS)  # kick, snare, hats, toms, cymbals
N_GROUPS = len(GROUP_NAMES)
# voice index -> group index
VOICE_GROUP_INDEX = tuple(next(i for i, g in enumerate(GROUP_NAMES) if v in VOICE_GROUPS[g]) for v in VOICES)
N_COND = N_GENRES + 1 + N_GROUPS  # genre mix, density, group flags
DENSITY_SCALE = 4.0  # density enters x4: typical loop densities are 0.05-0.25


@dataclass
class Config:
    d_model: int = 64
    n_heads: int = 4
    d_ff: int = 192
    enc_layers: int = 2
    dec_layers: int = 2
    latent: int = 32
    dropout: float = 0.1
    groove_skip: bool = True  # the decoder also sees the groove step by step
    density_flag: bool = False  # conditioning has a "density given" bit (else density is always given)
    fill_flag: bool = False  # conditioning has a "play a fill" bit (GMD labels each window beat or fill)

    def to_dict(self) -> dict:
        return asdict(self)


def groove_base(grooves: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-step base velocity and offset (B, 32, 1) that the decoder's corrections are added to.

    Where the groove hits: its velocity and offset. Elsewhere: the groove's mean
    velocity (0.5 for an empty groove) and offset 0.
    """
    hit, vel, off = grooves[..., 0:1], grooves[..., 1:2], grooves[..., 2:3]
    n = hit.sum(1, keepdim=True)
    mean_vel = torch.where(n > 0, (vel * hit).sum(1, keepdim=True) / n.clamp(min=1), torch.full_like(n, 0.5))
    base_vel = torch.where(hit > 0, vel, mean_vel.expand_as(vel))
    base_off = off * hit
    return base_vel, base_off


def _stack(cfg: Config, n_layers: int) -> nn.TransformerEncoder:
    layer = nn.TransformerEncoderLayer(
        cfg.d_model, cfg.n_heads, cfg.d_ff, cfg.dropout, activation="gelu", batch_first=True, norm_first=True
    )
    return nn.TransformerEncoder(layer, n_layers, enable_nested_tensor=False)


class DrumVAE(nn.Module):
    def __init__(self, cfg: Config | None = None):
        super().__init__()
        self.cfg = cfg = cfg or Config()
        d = cfg.d_model
        # encoder
        self.enc_in = nn.Linear(3, d)
        self.enc_pos = nn.Parameter(torch.zeros(1, STEPS, d))
        self.encoder = _stack(cfg, cfg.enc_layers)
        self.enc_norm = nn.LayerNorm(d)
        self.to_latent = nn.Linear(d, 2 * cfg.latent)
        # decoder
        self.n_cond = N_COND + int(cfg.density_flag) + int(cfg.fill_flag)
        self.dec_in = nn.Linear(cfg.latent + self.n_cond, d)
        self.dec_groove = nn.Linear(3, d) if cfg.groove_skip else None
        self.dec_pos = nn.Parameter(torch.zeros(1, STEPS, d))
        self.decoder = _stack(cfg, cfg.dec_layers)
        self.dec_norm = nn.LayerNorm(d)
        self.head = nn.Linear(d, 3 * N_VOICES)
        with torch.no_grad():  # corrections start at 0: the model starts by copying the groove's feel
            self.head.weight[N_VOICES:].zero_()
            self.head.bias[N_VOICES:].zero_()
        nn.init.normal_(self.enc_pos, std=0.02)
        nn.init.normal_(self.dec_pos, std=0.02)

    def encode(self, grooves: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(B, 32, 3) -> mu, logvar (B, latent)."""
        h = self.enc_in(grooves) + self.enc_pos
        h = self.enc_norm(self.encoder(h)).mean(1)
        mu, logvar = self.to_latent(h).chunk(2, dim=-1)
        return mu, logvar.clamp(-10, 6)

    def decode(self, z: torch.Tensor, cond: torch.Tensor, grooves: torch.Tensor) -> torch.Tensor:
        """z (B, latent), cond (B, N_COND), grooves (B, 32, 3) -> raw outputs (B, 32, 27).

        Columns 0-8 hit logits, 9-17 velocity corrections, 18-26 offset corrections
        (see `finish`)."""
        h = self.dec_in(torch.cat([z, cond], -1)).unsqueeze(1) + self.dec_pos
        if self.dec_groove is not None:
            h = h + self.dec_groove(grooves)
        return self.head(self.dec_norm(self.decoder(h)))

    def forward(self, grooves: torch.Tensor, cond: torch.Tensor, sample: bool = True):
        mu, logvar = self.encode(grooves)
        z = mu + torch.randn_like(mu) * (0.5 * logvar).exp() if sample else mu
        return self.decode(z, cond, grooves), mu, logvar


def finish(raw: torch.Tensor, grooves: torch.Tensor, vel_corr: float = 1.0, off_corr: float = 1.0):
    """Raw decoder outputs -> hit logits, velocities 0..1 and offsets -0.5..0.5 (B, 32, 9 each).

    vel_corr / off_corr scale the predicted corrections (0 = copy the groove's
    feel); the shipped model stores what measured better on validation."""
    n = N_VOICES
    base_vel, base_off = groove_base(grooves)
    vel = (base_vel + vel_corr * raw[..., n : 2 * n]).clamp(0.0, 1.0)
    off = (base_off + off_corr * raw[..., 2 * n :]).clamp(-0.5, 0.5)
    return raw[..., :n], vel, off


def make_cond(genre, density, groups, given=None, fill=None):
    """Controls as the decoder's conditioning vector (B, N_COND (+1 per optional flag)).

    genre (B, 9) mix weights (all zero = no preference), density (B,) hits per
    cell of the 32 x 9 loop (0..1), groups (B, 5) 1 = voice group on; given (B,)
    1 where a density is asked for, 0 = "let the groove decide" (models with
    Config.density_flag only); fill (B,) 1 = play a fill, 0 = a beat (models
    with Config.fill_flag only). Works on numpy arrays and torch tensors alike."""
    lib = torch if isinstance(genre, torch.Tensor) else np
    if given is None:
        parts = [genre, density[:, None] * DENSITY_SCALE, groups]
    else:
        parts = [genre, (density * given)[:, None] * DENSITY_SCALE, groups, given[:, None]]
    if fill is not None:
        parts.append(fill[:, None])
    return lib.concatenate(parts, -1)


def kl_divergence(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """KL(q(z|groove) || N(0, I)) per window (B,)."""
    return 0.5 * (mu.pow(2) + logvar.exp() - 1.0 - logvar).sum(-1)


def n_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


__all__ = ["Config", "DrumVAE", "finish", "groove_base", "kl_divergence", "make_cond", "n_params", "GROUP_NAMES", "N_COND"]

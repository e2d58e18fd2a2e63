"""Phase-change tones: valid WAV, distinct per phase, and a variant that differs in bytes."""

from __future__ import annotations

import io
import wave

import pytest

from handbook.timing.tones import RATE, TONES, tone


@pytest.mark.parametrize("kind", sorted(TONES))
def test_each_tone_is_a_short_mono_wav(kind):
    with wave.open(io.BytesIO(tone(kind))) as wav:
        assert wav.getnchannels() == 1 and wav.getframerate() == RATE
        seconds = wav.getnframes() / RATE
        frames = wav.readframes(wav.getnframes())
    assert 0.1 < seconds < 1.0
    assert max(frames) > 0  # not silence


def test_tones_differ_by_phase_and_variant():
    assert len({tone(kind) for kind in TONES}) == len(TONES)
    assert tone("hold", variant=0) != tone("hold", variant=1)
    assert tone("hold", variant=0) == tone("hold", variant=2)


def test_unknown_kind():
    with pytest.raises(ValueError, match="no tone for 'bell'"):
        tone("bell")

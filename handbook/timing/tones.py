"""Short tones that mark phase changes, generated as WAV bytes (no sound files shipped)."""

from __future__ import annotations

import array
import io
import math
import wave
from functools import cache

RATE = 22_050
# Notes (Hz) and length (s) per phase entered: a rising pair to start holding, one short
# note for each part of a movement's rep, a double beep to switch sides, a low note to
# rest, and a three-note chime when all is done.
TONES = {
    "ready": ((523.25, 0.12),),
    "hold": ((659.25, 0.10), (880.0, 0.16)),
    "move": ((698.46, 0.11),),
    "switch": ((784.0, 0.10), (0.0, 0.06), (784.0, 0.10)),
    "rest": ((440.0, 0.22),),
    "done": ((523.25, 0.14), (659.25, 0.14), (783.99, 0.30)),
}


@cache
def tone(kind: str, variant: int = 0, volume: float = 0.35) -> bytes:
    """The WAV bytes of the tone for entering a phase of this kind ("done" at the end).

    ``variant`` pads the tail with silence so two plays of one tone differ as bytes,
    which makes an audio element that autoplays on change sound it again.
    """
    if kind not in TONES:
        raise ValueError(f"no tone for {kind!r}; choose from {sorted(TONES)}")
    samples = array.array("h")
    for freq, length in TONES[kind]:
        n = int(RATE * length)
        fade = max(1, int(RATE * 0.01))  # 10 ms fades, so the tone never clicks
        for i in range(n):
            envelope = min(1.0, i / fade, (n - 1 - i) / fade)
            value = math.sin(2 * math.pi * freq * i / RATE) if freq else 0.0
            samples.append(int(32767 * volume * envelope * value))
    samples.extend([0] * (1 + variant % 2))
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(samples.tobytes())
    return out.getvalue()

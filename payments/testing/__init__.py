"""Local fake Stripe and Midtrans servers for tests: real HTTP on free ports, the official SDKs
pointed at them, signatures made with test secrets. See `fakes.FakeGateways`."""

from payments.testing.fake_midtrans import FakeMidtrans
from payments.testing.fake_stripe import FakeStripe
from payments.testing.fakes import FakeGateways

__all__ = ["FakeGateways", "FakeMidtrans", "FakeStripe"]

"""Test helpers shared by every app: a real ASGI server, browser settings, factories."""

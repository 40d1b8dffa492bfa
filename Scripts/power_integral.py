"""The independent energy integral the fixture scripts share: trapezoids through (t, W) samples."""


def integrate(points, start, end):
    """Energy (J) of piecewise-linear power through (t, W) samples over [start, end], clipped to the samples."""
    total = 0.0
    for (t0, p0), (t1, p1) in zip(points, points[1:]):
        a, b = max(t0, start), min(t1, end)
        if b <= a:
            continue
        pa = p0 + (p1 - p0) * (a - t0) / (t1 - t0)
        pb = p0 + (p1 - p0) * (b - t0) / (t1 - t0)
        total += (pa + pb) / 2 * (b - a)
    return total

"""An office's programme-year target, from the targets set per area: a pure rule shared by Beranda
(services.stats) and Settings (services.setup)."""

from __future__ import annotations

__all__ = ["office_target", "office_targets_by_funder"]


def office_targets_by_funder(
    targets: list[tuple[int, str, int]], office_kode: str
) -> dict[int, int]:
    """This office's target per funder from ``(funder, area code, people)`` rows for one year.

    Per funder, the target set for the office's own area counts; only without one do the targets
    of the areas inside it add up, and then only those of the level right below (a regency that
    set 100,000 for itself and 5,000 for each kecamatan has a target of 100,000, not 190,000; a
    kecamatan target and its desa targets are not added either). Targets of other areas (a
    kecamatan office that received the regency's list) do not count."""
    out: dict[int, int] = {}
    for funder in sorted({f for f, _, _ in targets}):
        inside = [(w, n) for f, w, n in targets if f == funder and w.startswith(office_kode)]
        if not inside:
            continue
        nearest = min(len(w) for w, _ in inside)
        out[funder] = sum(n for w, n in inside if len(w) == nearest)
    return out


def office_target(targets: list[tuple[int, str, int]], office_kode: str) -> int:
    """This office's target over all funders (see :func:`office_targets_by_funder`)."""
    return sum(office_targets_by_funder(targets, office_kode).values())

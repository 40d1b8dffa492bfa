#!/usr/bin/env python3
"""Computes, independently of the tool, the emissions of Fixtures/runs/example under several factor choices, and
writes the intensity-series fixtures it uses. Output: Fixtures/expected-emissions.json (read by EmissionsTests).

Reads the power log with Python's csv and zoneinfo (Europe/Berlin), integrates each job GPU (0, 1, 2; GPU 3 is
idle) with the trapezoidal rule, clips to each series interval with linear interpolation, and reads the factors
straight from Data/*.csv. Run from the repository root: python3 Scripts/expected-emissions.py
"""
import csv
import datetime
import json
import pathlib
import zoneinfo

from power_integral import integrate

ROOT = pathlib.Path(__file__).resolve().parent.parent
ZONE = zoneinfo.ZoneInfo("Europe/Berlin")


def samples_by_gpu():
    samples = {}
    with open(ROOT / "Fixtures/runs/example/nvidia-smi.csv", newline="") as handle:
        for row in csv.reader(handle):
            row = [cell.strip() for cell in row]
            if row[0] == "timestamp" or not row[4].endswith(" W"):
                continue
            local = datetime.datetime.strptime(row[0], "%Y/%m/%d %H:%M:%S.%f").replace(tzinfo=ZONE)
            samples.setdefault(int(row[1]), []).append((local.timestamp(), float(row[4][:-2])))
    return {gpu: sorted(points) for gpu, points in samples.items() if gpu != 3}


def table(name):
    with open(ROOT / "Data" / name, newline="") as handle:
        return list(csv.DictReader(handle))


def main():
    gpus = samples_by_gpu()
    joules = sum(integrate(points, -1e12, 1e12) for points in gpus.values())
    france = next(r for r in table("grid-intensity-countries-history.csv") if r["iso3"] == "FRA" and r["year"] == "2024")
    west4 = next(r for r in table("cloud-regions.csv") if r["provider"] == "gcp" and r["region"] == "europe-west4")
    california = next(r for r in table("grid-intensity-subnational.csv") if r["region_code"] == "US-CA")
    google = [r for r in table("pue.csv") if r["entity"] == "Google" and r["category"] == "provider_fleet"]
    google_pue = float(max(google, key=lambda r: int(r["year"]))["pue"])
    expected = {
        "it_joules": joules,
        "region_FR_pue_1.1_kg": joules / 3.6e6 * 1.1 * float(france["g_co2e_per_kwh"]) / 1000,
        "cloud_gcp_europe_west4_kg": joules / 3.6e6 * float(west4["g_co2e_per_kwh"]) / 1000,
        "region_US_CA_pue_google_kg": joules / 3.6e6 * google_pue * float(california["g_co2e_per_kwh"]) / 1000,
    }
    # A 5-minute series in UTC (the run is 13:00:01-13:20:07 UTC) that starts after the run does, so that part
    # of the energy falls outside it and is counted at the --region value.
    start = datetime.datetime(2024, 3, 5, 13, 2, tzinfo=datetime.timezone.utc).timestamp()
    values = [310.0, 120.0, 455.5, 80.25, 260.0]
    rows = ["timestamp,g_co2e_per_kwh"]
    grams = 0.0
    covered = 0.0
    for index, value in enumerate(values):
        a = start + index * 300
        b = a + 300
        stamp = datetime.datetime.fromtimestamp(a, datetime.timezone.utc)
        # Alternate the spellings a user's file may have: Z, +00:00 and an offset in another zone.
        text = [stamp.strftime("%Y-%m-%dT%H:%M:%SZ"), stamp.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
                stamp.astimezone(datetime.timezone(datetime.timedelta(hours=1))).strftime("%Y-%m-%dT%H:%M:%S+01:00")][index % 3]
        rows.append(f"{text},{value}")
        energy = sum(integrate(points, a, b) for points in gpus.values())
        covered += energy
        grams += energy / 3.6e6 * value
    fallback = float(france["g_co2e_per_kwh"])
    grams += (joules - covered) / 3.6e6 * fallback
    (ROOT / "Fixtures/intensity").mkdir(exist_ok=True)
    (ROOT / "Fixtures/intensity/series-5min.csv").write_text("\n".join(rows) + "\n")
    expected["series_region_FR_kg"] = grams / 1000
    expected["series_coverage"] = covered / joules
    # The same values as Electricity Maps and WattTime exports write them (WattTime in lb/MWh).
    em = ["Datetime (UTC),Country,Zone Name,Zone Id,Carbon Intensity gCO₂eq/kWh (direct),Carbon Intensity gCO₂eq/kWh (LCA),Low Carbon Percentage,Renewable Percentage,Data Source,Data Estimated,Data Estimation Method"]
    wt = ["point_time,value,frequency,market,version,region"]
    for index, value in enumerate(values):
        stamp = datetime.datetime.fromtimestamp(start + index * 300, datetime.timezone.utc)
        em.append(f"{stamp.strftime('%Y-%m-%d %H:%M:%S')},France,France,FR,{value * 0.8:.2f},{value},90,30,entsoe.eu,false,")
        wt.append(f"{stamp.strftime('%Y-%m-%dT%H:%M:%S+00:00')},{value / 0.45359237:.6f},300,,1.0,FR")
    (ROOT / "Fixtures/intensity/electricitymaps-5min.csv").write_text("\n".join(em) + "\n")
    (ROOT / "Fixtures/intensity/watttime-5min.csv").write_text("\n".join(wt) + "\n")
    (ROOT / "Fixtures/expected-emissions.json").write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()

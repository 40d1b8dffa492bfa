/// BibTeX entries for the bundled data sources, written beside the LaTeX report.
public enum BibliographyWriter {
    static let embodiedKey = "green-algorithms"

    /// The cite key for an intensity source text from the bundled tables.
    static func key(forIntensitySource source: String) -> String {
        if source.hasPrefix("OWID") { return "owid-carbon-intensity" }
        if source.hasPrefix("Google Cloud") { return "google-cloud-region-carbon" }
        if source.contains("Cloud Carbon Footprint") { return "cloud-carbon-footprint" }
        if source.contains("codecarbon") { return "codecarbon" }
        return "footprint-data"
    }

    public static func render() -> String {
        """
        @misc{owid-carbon-intensity,
          author = {{Ember} and {Energy Institute}},
          title = {Carbon intensity of electricity generation},
          howpublished = {Our World in Data, with major processing by Our World in Data},
          year = {2025},
          note = {Ember (2025); Energy Institute -- Statistical Review of World Energy (2025). Licence CC BY 4.0},
          url = {https://ourworldindata.org/grapher/carbon-intensity-electricity}
        }

        @misc{google-cloud-region-carbon,
          author = {{Google Cloud}},
          title = {Carbon free energy for Google Cloud regions},
          year = {2024},
          note = {Grid carbon intensity per region, location-based},
          url = {https://cloud.google.com/sustainability/region-carbon}
        }

        @misc{cloud-carbon-footprint,
          author = {{Cloud Carbon Footprint}},
          title = {Cloud Carbon Footprint: methodology and coefficients},
          year = {2023},
          url = {https://www.cloudcarbonfootprint.org/docs/methodology}
        }

        @misc{codecarbon,
          author = {{CodeCarbon contributors}},
          title = {CodeCarbon: track and reduce CO2 emissions from your computing},
          year = {2024},
          note = {Regional energy-mix tables (US states from EPA eGRID 2016; Canadian provinces 2023)},
          url = {https://github.com/mlco2/codecarbon}
        }

        @article{green-algorithms,
          author = {Lannelongue, Lo{\\"i}c and Grealey, Jason and Inouye, Michael},
          title = {Green Algorithms: Quantifying the Carbon Footprint of Computation},
          journal = {Advanced Science},
          volume = {8},
          number = {12},
          pages = {2100707},
          year = {2021},
          doi = {10.1002/advs.202100707}
        }

        @misc{footprint-data,
          title = {Footprint reference tables},
          note = {Data/SOURCES.md of the footprint repository lists each table's source},
          year = {2026}
        }

        """
    }
}

package dev.finerouter.app.dashboard;

/** The dashboard's charts, in tab order. */
public enum DashboardChart {
    /** Cost per prompt against quality: knob routers as curves, the rest as points. */
    COST_QUALITY("Cost–quality", "cost-quality"),
    /** Share of test prompts each router sends to each model. */
    ROUTING_SHARE("Routing share", "routing-share"),
    /** Quality per benchmark (and Ave, Qual) of the best single model, the oracle, kNN, MF and FineRouter. */
    BENCHMARKS("Per benchmark", "per-benchmark");

    private final String title;
    private final String fileStem;

    DashboardChart(String title, String fileStem) {
        this.title = title;
        this.fileStem = fileStem;
    }

    /** The tab title. */
    public String title() {
        return title;
    }

    /** The default file name without extension. */
    public String fileStem() {
        return fileStem;
    }
}

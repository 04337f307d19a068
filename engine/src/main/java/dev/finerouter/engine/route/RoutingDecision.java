package dev.finerouter.engine.route;

import java.util.List;

/**
 * The router's choice for one prompt, with its explanation.
 *
 * @param chosenModel index of the chosen model
 * @param task the prompt's task, or −1 for Others
 * @param compared every compared model (the task's candidates, or all models for Others), in pool order
 * @param bestQualityModel the model with the highest Q_final (the choice at tolerance 0 and no budget)
 * @param reason why the winner won, in one sentence
 */
public record RoutingDecision(int chosenModel, int task, List<ModelScore> compared, int bestQualityModel, String reason) {
    public RoutingDecision {
        compared = List.copyOf(compared);
    }

    /** The compared entry of the chosen model. */
    public ModelScore chosen() {
        return compared.stream().filter(s -> s.model() == chosenModel).findFirst().orElseThrow();
    }
}

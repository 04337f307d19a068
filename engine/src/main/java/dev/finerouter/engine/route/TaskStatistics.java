package dev.finerouter.engine.route;

/**
 * What the robust rule's task statistics need of the remembered prompts' (cross-fitted) task probabilities, without
 * the prompts × tasks matrix itself: the sums Σ_i p_i(t)·s_iM and Σ_i p_i(t) over the prompts with a known score for M
 * (the same sums, added in the same order, as {@link RobustRule#taskSums}), and the probability rows of the prompts
 * that {@link RobustRuleTuner} judges leave-one-out ({@link RobustRuleTuner#looRows}). At the paper's 224,000 training
 * prompts and 4,045 tasks the matrix is 3.6 GB; this is 0.7 MB of sums and 2,000 rows.
 */
public final class TaskStatistics {
    private final int tasks;
    private final int models;
    private final double[][][] sums;
    private final int[] looRows;
    private final float[] looProbabilities;

    private TaskStatistics(int tasks, int models, double[][][] sums, int[] looRows, float[] looProbabilities) {
        this.tasks = tasks;
        this.models = models;
        this.sums = sums;
        this.looRows = looRows;
        this.looProbabilities = looProbabilities;
    }

    /**
     * From a whole probability matrix.
     *
     * @param memory the remembered prompts (their scores)
     * @param probabilities row-major memory.size() × tasks probabilities
     * @param tasks number of tasks
     */
    public static TaskStatistics of(RouterMemory memory, float[] probabilities, int tasks) {
        if (probabilities.length != (long) memory.size() * tasks) {
            throw new IllegalArgumentException(memory.size() + " prompts × " + tasks + " tasks need " + (long) memory.size() * tasks
                    + " probabilities, got " + probabilities.length);
        }
        Accumulator a = accumulator(memory, tasks);
        for (int i = 0; i < memory.size(); i++) {
            a.add(i, probabilities, i * tasks);
        }
        return a.build();
    }

    /** An accumulator that takes each remembered prompt's probabilities once, in memory order. */
    public static Accumulator accumulator(RouterMemory memory, int tasks) {
        return new Accumulator(memory, tasks);
    }

    /** Builds the statistics prompt by prompt; prompts must come in memory order (0, 1, 2, …), each once. */
    public static final class Accumulator {
        private final RouterMemory memory;
        private final float[] scores;
        private final int tasks;
        private final int models;
        private final double[][] sum;
        private final double[][] weight;
        private final int[] looRows;
        private final float[] looProbabilities;
        private int next;
        private int nextLoo;

        private Accumulator(RouterMemory memory, int tasks) {
            this.memory = memory;
            this.scores = memory.scores();
            this.tasks = tasks;
            this.models = memory.models();
            this.sum = new double[tasks][models];
            this.weight = new double[tasks][models];
            this.looRows = RobustRuleTuner.looRows(memory.size());
            this.looProbabilities = new float[looRows.length * tasks];
        }

        /**
         * Adds remembered prompt {@code row}'s probabilities {@code p[offset, offset + tasks)}.
         *
         * @throws IllegalArgumentException when {@code row} is not the next prompt in memory order
         */
        public void add(int row, float[] p, int offset) {
            if (row != next) {
                throw new IllegalArgumentException("prompts must come in memory order: expected " + next + ", got " + row);
            }
            RobustRule.addToTaskSums(sum, weight, p, offset, scores, row * models);
            while (nextLoo < looRows.length && looRows[nextLoo] == row) {
                System.arraycopy(p, offset, looProbabilities, nextLoo * tasks, tasks);
                nextLoo++;
            }
            next++;
        }

        /** The statistics; every remembered prompt must have been added. */
        public TaskStatistics build() {
            if (next != memory.size()) {
                throw new IllegalStateException(next + " of " + memory.size() + " remembered prompts added");
            }
            return new TaskStatistics(tasks, models, new double[][][] {sum, weight}, looRows, looProbabilities);
        }
    }

    /** μ_{t,M}: the sums shrunk toward g with κ pseudo-prompts ({@link RobustRule#taskMeans} from the same sums). */
    public float[][] means(float[] generalMean, double kappa) {
        return RobustRule.shrunkMeans(sums, generalMean, kappa);
    }

    /** The sums: {@code [0][t][M]} = Σ p·s, {@code [1][t][M]} = Σ p. Not a copy. */
    double[][][] sums() {
        return sums;
    }

    /** The remembered prompts judged leave-one-out, ascending. */
    int[] looRows() {
        return looRows.clone();
    }

    /** The probability rows of {@link #looRows()}, row-major, {@link #tasks()} per prompt. Not a copy. */
    float[] looProbabilities() {
        return looProbabilities;
    }

    /** Number of tasks. */
    public int tasks() {
        return tasks;
    }

    @Override
    public String toString() {
        return "TaskStatistics[" + tasks + " tasks, " + models + " models, " + looRows.length + " leave-one-out rows]";
    }
}

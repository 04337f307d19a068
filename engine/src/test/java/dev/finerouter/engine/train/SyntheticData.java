package dev.finerouter.engine.train;

import java.util.Random;

/**
 * Tiny synthetic routing data: prompts are noisy copies of one of {@code groups} hidden centres in embedding space (a
 * share of prompts are random directions, the Others group); the best model depends on the group.
 */
final class SyntheticData {
    final int dim;
    final int groups;
    final int models;
    final float[] centres;

    SyntheticData(int dim, int groups, int models, long seed) {
        this.dim = dim;
        this.groups = groups;
        this.models = models;
        Random r = new Random(seed);
        centres = new float[groups * dim];
        for (int g = 0; g < groups; g++) {
            float[] c = new float[dim];
            for (int j = 0; j < dim; j++) {
                c[j] = (float) r.nextGaussian();
            }
            normalise(c);
            System.arraycopy(c, 0, centres, g * dim, dim);
        }
    }

    /** The score of a model for a prompt of a group (group −1: Others). */
    float score(int group, int model, float[] embedding) {
        if (group < 0) {
            return 0.5f;
        }
        boolean best = model == group % models;
        float base = best ? 0.9f : 0.2f + 0.05f * model;
        return Math.max(0f, Math.min(1f, base + 0.1f * embedding[model % dim]));
    }

    /** n labelled prompts; {@code othersShare} of them are random directions labelled −1. */
    Sample sample(int n, double othersShare, double noise, long seed) {
        Random r = new Random(seed);
        float[] emb = new float[n * dim];
        int[] group = new int[n];
        float[] scores = new float[n * models];
        for (int i = 0; i < n; i++) {
            int g = r.nextDouble() < othersShare ? -1 : r.nextInt(groups);
            group[i] = g;
            float[] v = new float[dim];
            for (int j = 0; j < dim; j++) {
                v[j] = (float) (g < 0 ? r.nextGaussian() : centres[g * dim + j] + noise * r.nextGaussian() / Math.sqrt(dim));
            }
            normalise(v);
            System.arraycopy(v, 0, emb, i * dim, dim);
            for (int m = 0; m < models; m++) {
                scores[i * models + m] = score(g, m, v);
            }
        }
        return new Sample(n, emb, group, scores);
    }

    record Sample(int n, float[] embeddings, int[] groups, float[] scores) {
    }

    private static void normalise(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        float inv = (float) (1 / Math.sqrt(s));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
    }
}

package dev.finerouter.engine.describe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Stage 1, step 12 of the method, offline: an extractive summary of each discovered task, made of the cluster's
 * medoid description and up to {@link #MAX_TERMS} distinctive terms, e.g.
 * {@code "Math problem: How many apples are left? (key terms: apples, math, left)"}. Deterministic.
 *
 * <p><b>Medoid.</b> With embeddings: the member whose mean cosine similarity to the other members is highest
 * (a zero vector has cosine 0 with everything). Without: the most frequent description (compared after trimming).
 * Ties go to the earliest member.
 *
 * <p><b>Distinctive terms.</b> Descriptions are lower-cased and split on anything that is not a letter or digit;
 * tokens that are stop words, pure digits or a single non-CJK character are dropped. A term's score in cluster c
 * is TF·IDF with TF = (occurrences in c) / (tokens in c) and IDF = ln((1 + C) / (1 + df)) + 1, where C is the
 * number of clusters and df the number of clusters using the term. With two or more clusters, a term used by every
 * cluster is not distinctive and is skipped. The top terms by score (ties: alphabetical) are kept.
 */
public final class ClusterSummarizer {
    /** Most distinctive terms per summary. */
    public static final int MAX_TERMS = 5;

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
            "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
            "did", "do", "does", "doing", "down", "during", "each", "either", "etc", "few", "for", "from", "further",
            "given", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in",
            "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "no", "nor", "not", "of", "off",
            "on", "once", "one", "only", "or", "other", "our", "out", "over", "own", "same", "she", "should", "so",
            "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
            "through", "to", "too", "under", "until", "up", "us", "very", "was", "we", "were", "what", "when", "where",
            "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours");

    /** One cluster's summary. */
    public record ClusterSummary(String medoid, int medoidIndex, List<String> terms) {
        /** Validates and copies. */
        public ClusterSummary {
            Objects.requireNonNull(medoid, "medoid");
            terms = List.copyOf(terms);
        }

        /** The summary line: the medoid, then {@code (key terms: a, b)} when there are terms. */
        public String text() {
            return terms.isEmpty() ? medoid : medoid + " (key terms: " + String.join(", ", terms) + ")";
        }
    }

    /** Creates the summarizer; it holds no state. */
    public ClusterSummarizer() {
    }

    /**
     * Summarises clusters without embeddings (the medoid is the most frequent description).
     *
     * @param descriptionsPerCluster each cluster's member descriptions, none empty
     * @return one summary line per cluster, in order
     */
    public List<String> summarize(List<List<String>> descriptionsPerCluster) {
        return summarize(descriptionsPerCluster, null, 0);
    }

    /**
     * Summarises clusters, choosing each medoid by embeddings when given.
     *
     * @param descriptionsPerCluster each cluster's member descriptions, none empty
     * @param embeddingsPerCluster per cluster, its members' embeddings as a row-major n×dimension array; or
     *                             {@code null} for none
     * @param dimension the embedding dimension (ignored without embeddings)
     * @return one summary line per cluster, in order
     */
    public List<String> summarize(List<List<String>> descriptionsPerCluster, List<float[]> embeddingsPerCluster, int dimension) {
        return summarizeDetailed(descriptionsPerCluster, embeddingsPerCluster, dimension).stream().map(ClusterSummary::text).toList();
    }

    /**
     * As {@link #summarize(List, List, int)}, keeping the parts of each summary.
     *
     * @throws IllegalArgumentException when a cluster is empty or an embedding array has the wrong length
     */
    public List<ClusterSummary> summarizeDetailed(List<List<String>> descriptionsPerCluster, List<float[]> embeddingsPerCluster,
                                                  int dimension) {
        Objects.requireNonNull(descriptionsPerCluster, "descriptionsPerCluster");
        int c = descriptionsPerCluster.size();
        if (embeddingsPerCluster != null) {
            if (embeddingsPerCluster.size() != c) {
                throw new IllegalArgumentException(c + " clusters but " + embeddingsPerCluster.size() + " embedding arrays");
            }
            if (dimension < 1) {
                throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
            }
        }
        for (int k = 0; k < c; k++) {
            if (descriptionsPerCluster.get(k).isEmpty()) {
                throw new IllegalArgumentException("cluster " + k + " has no description");
            }
        }
        List<List<String>> terms = distinctiveTerms(descriptionsPerCluster, MAX_TERMS);
        List<ClusterSummary> out = new ArrayList<>(c);
        for (int k = 0; k < c; k++) {
            List<String> descs = descriptionsPerCluster.get(k);
            int m = embeddingsPerCluster == null ? mostFrequent(descs)
                    : medoidByEmbedding(descs.size(), embeddingsPerCluster.get(k), dimension, k);
            out.add(new ClusterSummary(descs.get(m).strip(), m, terms.get(k)));
        }
        return List.copyOf(out);
    }

    static int mostFrequent(List<String> descs) {
        Map<String, Integer> counts = new HashMap<>();
        for (String d : descs) {
            counts.merge(d.strip(), 1, Integer::sum);
        }
        int best = 0;
        int bestCount = -1;
        for (int i = 0; i < descs.size(); i++) {
            int n = counts.get(descs.get(i).strip());
            if (n > bestCount) {
                best = i;
                bestCount = n;
            }
        }
        return best;
    }

    static int medoidByEmbedding(int n, float[] rows, int d, int cluster) {
        Objects.requireNonNull(rows, "embeddings of cluster " + cluster);
        if (rows.length != (long) n * d) {
            throw new IllegalArgumentException("cluster " + cluster + ": " + n + " members × " + d + " dims needs "
                    + (long) n * d + " floats, got " + rows.length);
        }
        if (n == 1) {
            return 0;
        }
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double v = rows[i * d + j];
                s += v * v;
            }
            norms[i] = Math.sqrt(s);
        }
        // Σ_k cos(i, k) over k ≠ i = x̂_i · (Σ_k x̂_k) − cos(i, i): one pass instead of n² pairs (a 27k-member task at
        // 100k prompts took minutes pairwise). Zero rows have cosine 0 with everything, as before.
        double[] total = new double[d];
        for (int i = 0; i < n; i++) {
            if (norms[i] > 0) {
                for (int j = 0; j < d; j++) {
                    total[j] += rows[i * d + j] / norms[i];
                }
            }
        }
        double[] sums = new double[n];
        for (int i = 0; i < n; i++) {
            if (norms[i] > 0) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += rows[i * d + j] / norms[i] * total[j];
                }
                sums[i] = dot - 1.0;
            }
        }
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (sums[i] > sums[best] + 1e-12) {
                best = i;
            }
        }
        return best;
    }

    /** The top {@code k} distinctive terms of each cluster (see the class comment). */
    static List<List<String>> distinctiveTerms(List<List<String>> clusters, int k) {
        int c = clusters.size();
        List<Map<String, Integer>> tf = new ArrayList<>(c);
        List<Integer> totals = new ArrayList<>(c);
        Map<String, Integer> df = new HashMap<>();
        for (List<String> cluster : clusters) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            int total = 0;
            for (String d : cluster) {
                for (String t : tokens(d)) {
                    counts.merge(t, 1, Integer::sum);
                    total++;
                }
            }
            for (String t : counts.keySet()) {
                df.merge(t, 1, Integer::sum);
            }
            tf.add(counts);
            totals.add(total);
        }
        List<List<String>> out = new ArrayList<>(c);
        for (int i = 0; i < c; i++) {
            Map<String, Integer> counts = tf.get(i);
            int total = totals.get(i);
            Map<String, Double> score = new HashMap<>();
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                int f = df.get(e.getKey());
                if (c >= 2 && f == c) {
                    continue;
                }
                double idf = Math.log((1.0 + c) / (1.0 + f)) + 1.0;
                score.put(e.getKey(), (double) e.getValue() / total * idf);
            }
            out.add(score.entrySet().stream()
                    .sorted(Comparator.<Map.Entry<String, Double>>comparingDouble(Map.Entry::getValue).reversed()
                            .thenComparing(Map.Entry::getKey))
                    .limit(k)
                    .map(Map.Entry::getKey)
                    .toList());
        }
        return out;
    }

    /** Lower-cased content tokens of a description: stop words, digits and single non-CJK characters removed. */
    static List<String> tokens(String description) {
        List<String> out = new ArrayList<>();
        for (String t : description.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (t.isEmpty() || STOP_WORDS.contains(t) || t.chars().allMatch(Character::isDigit)) {
                continue;
            }
            if (t.codePointCount(0, t.length()) == 1 && Character.UnicodeScript.of(t.codePointAt(0)) != Character.UnicodeScript.HAN) {
                continue;
            }
            out.add(t);
        }
        return out;
    }
}

package dev.finerouter.engine.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Named float tensors (weights of a trained model), kept in plain Java arrays so that no native memory outlives a
 * training or prediction call. Immutable: arrays are copied in, and {@link #values(String)} returns a copy.
 * Insertion order is kept and is the order of the file written by {@link ParameterIO}.
 */
public final class ParameterSet {
    private final Map<String, Tensor> tensors;

    private ParameterSet(Map<String, Tensor> tensors) {
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /** One named tensor: its shape and row-major values. */
    record Tensor(String name, long[] shape, float[] values) {
        Tensor {
            Objects.requireNonNull(name, "name");
            long size = 1;
            for (long dim : shape) {
                if (dim < 0) {
                    throw new IllegalArgumentException(name + ": negative dimension in " + Arrays.toString(shape));
                }
                size *= dim;
            }
            if (size != values.length) {
                throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " needs " + size + " values, got " + values.length);
            }
        }
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The names, in order. */
    public List<String> names() {
        return new ArrayList<>(tensors.keySet());
    }

    /** Whether a tensor of this name exists. */
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** The shape of a tensor (a copy). */
    public long[] shape(String name) {
        return tensor(name).shape().clone();
    }

    /** A copy of a tensor's row-major values. */
    public float[] values(String name) {
        return tensor(name).values().clone();
    }

    /** The values without copying; callers in this package must not modify them. */
    float[] raw(String name) {
        return tensor(name).values();
    }

    Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return t;
    }

    /** Total number of scalars. */
    public long size() {
        long n = 0;
        for (Tensor t : tensors.values()) {
            n += t.values().length;
        }
        return n;
    }

    /** A builder starting from these tensors; {@link Builder#put} replaces by name. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.tensors.putAll(tensors);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ParameterSet other) || !tensors.keySet().equals(other.tensors.keySet())) {
            return false;
        }
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = other.tensors.get(e.getKey());
            if (!Arrays.equals(t.shape(), e.getValue().shape()) || !Arrays.equals(t.values(), e.getValue().values())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (Tensor t : tensors.values()) {
            h = 31 * h + t.name().hashCode();
            h = 31 * h + Arrays.hashCode(t.values());
        }
        return h;
    }

    @Override
    public String toString() {
        return "ParameterSet[" + tensors.size() + " tensors, " + size() + " values]";
    }

    /** Collects tensors; also offers the seeded initialisers used by the trainers. */
    public static final class Builder {
        private final LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds or replaces a tensor (values copied). */
        public Builder put(String name, float[] values, long... shape) {
            tensors.put(name, new Tensor(name, shape.clone(), values.clone()));
            return this;
        }

        /** Adds or replaces a tensor without copying; for arrays this package just created. */
        Builder putOwned(String name, float[] values, long... shape) {
            tensors.put(name, new Tensor(name, shape.clone(), values));
            return this;
        }

        /** Adds a tensor filled with zeros. */
        Builder zeros(String name, long... shape) {
            return putOwned(name, new float[(int) product(shape)], shape);
        }

        /** Adds a tensor drawn uniformly from ±sqrt(6 / (fanIn + fanOut)) (Glorot/Xavier). */
        Builder xavier(String name, int fanIn, int fanOut, Random random, long... shape) {
            float bound = (float) Math.sqrt(6.0 / (fanIn + fanOut));
            float[] v = new float[(int) product(shape)];
            for (int i = 0; i < v.length; i++) {
                v[i] = (random.nextFloat() * 2f - 1f) * bound;
            }
            return putOwned(name, v, shape);
        }

        /** Builds the immutable set. */
        public ParameterSet build() {
            return new ParameterSet(new LinkedHashMap<>(tensors));
        }

        private static long product(long[] shape) {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }
}

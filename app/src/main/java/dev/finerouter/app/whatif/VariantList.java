package dev.finerouter.app.whatif;

import dev.finerouter.engine.EngineException;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Saved variants, persisted when a store is given. */
public final class VariantList {
    private final VariantStore store;
    private final ObservableList<Variant> list = FXCollections.observableArrayList();

    VariantList(VariantStore store) {
        this.store = store;
        if (store != null) {
            list.setAll(store.list());
        }
    }

    void save(Variant v) throws EngineException {
        if (store != null) {
            store.save(v);
            list.setAll(store.list());
        } else {
            list.removeIf(x -> x.name().equals(v.name()));
            list.add(v);
        }
    }

    /** Deletes a variant. */
    public void delete(String name) throws EngineException {
        if (store != null) {
            store.delete(name);
            list.setAll(store.list());
        } else {
            list.removeIf(x -> x.name().equals(name));
        }
    }

    /** The variants, in the order saved. */
    public ObservableList<Variant> list() {
        return list;
    }
}

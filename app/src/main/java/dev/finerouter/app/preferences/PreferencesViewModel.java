package dev.finerouter.app.preferences;

import dev.finerouter.engine.describe.ChatEndpointConfig;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;

/** The Preferences dialog's state: text fields bound to the stored settings, validated on {@link #save()}. */
public final class PreferencesViewModel {
    private final WorkbenchPreferences prefs;
    private final StringProperty llmUrl = new SimpleStringProperty(this, "llmUrl");
    private final StringProperty llmModel = new SimpleStringProperty(this, "llmModel");
    private final StringProperty llmKeyEnv = new SimpleStringProperty(this, "llmKeyEnv");
    private final StringProperty cacheDir = new SimpleStringProperty(this, "cacheDir");
    private final StringProperty seed = new SimpleStringProperty(this, "seed");

    /** Loads the current settings. */
    public PreferencesViewModel(WorkbenchPreferences prefs) {
        this.prefs = prefs;
        llmUrl.set(prefs.llmUrl());
        llmModel.set(prefs.llmModel());
        llmKeyEnv.set(prefs.llmKeyEnv());
        cacheDir.set(prefs.cacheDir().toString());
        seed.set(Long.toString(prefs.seed()));
    }

    /**
     * Validates and stores the settings.
     *
     * @return {@code null} when saved, otherwise what is wrong (nothing is stored then)
     */
    public String save() {
        String url = trim(llmUrl.get());
        String model = trim(llmModel.get());
        String keyEnv = trim(llmKeyEnv.get());
        if (!url.isEmpty()) {
            if (model.isEmpty()) {
                return "an LLM endpoint needs a model name";
            }
            try {
                ChatEndpointConfig.of(url, model, keyEnv.isEmpty() ? null : keyEnv);
            } catch (RuntimeException e) {
                return "LLM endpoint: " + e.getMessage();
            }
        }
        long s;
        try {
            s = Long.parseLong(trim(seed.get()));
        } catch (NumberFormatException e) {
            return "the seed must be a whole number, got '" + seed.get() + "'";
        }
        Path dir;
        try {
            dir = trim(cacheDir.get()).isEmpty() ? null : Path.of(trim(cacheDir.get()));
        } catch (RuntimeException e) {
            return "cache folder: " + e.getMessage();
        }
        prefs.setLlm(url, model, keyEnv);
        prefs.setSeed(s);
        prefs.setCacheDir(dir);
        return null;
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    /** Endpoint URL text. */
    public StringProperty llmUrlProperty() {
        return llmUrl;
    }

    /** Model name text. */
    public StringProperty llmModelProperty() {
        return llmModel;
    }

    /** API key environment variable name text. */
    public StringProperty llmKeyEnvProperty() {
        return llmKeyEnv;
    }

    /** Cache folder text. */
    public StringProperty cacheDirProperty() {
        return cacheDir;
    }

    /** Seed text. */
    public StringProperty seedProperty() {
        return seed;
    }
}

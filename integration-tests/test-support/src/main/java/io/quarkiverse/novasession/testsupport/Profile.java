package io.quarkiverse.novasession.testsupport;

import java.util.List;
import java.util.Objects;

/**
 * A mutable JavaBean, to show that POJOs are stored as values too.
 */
public class Profile {

    private String name;
    private List<String> tags;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<String> getTags() {
        return tags;
    }

    public void setTags(List<String> tags) {
        this.tags = tags;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Profile profile && Objects.equals(name, profile.name) && Objects.equals(tags, profile.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, tags);
    }
}

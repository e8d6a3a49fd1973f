//! Every text of a document, for the tools that treat them all alike (the
//! Markdown importer's unescaping, tests that fill every field). The
//! destructuring below names every field: a field added to the model without
//! being added here does not compile.

use super::{
    ActionItem, AgendaStep, Appendix, Attendee, DocLint, Event, Factor, FollowUp, Goal, Impact,
    ImpactRow, Lesson, Meeting, MeetingNote, Meta, Parked, Postmortem, Project, Provenance,
    ResponsePhase, Review, SeverityLevel, SignOff, Suppression, Unmapped, Why, Whys,
};

/// Calls `f` on every string of `doc` (list entries included) with the
/// field's path in the file, `[]` standing for any index
/// (`timeline[].text`, `meta.authors[]`).
pub fn for_each_text_mut(doc: &mut Postmortem, f: &mut dyn FnMut(&'static str, &mut String)) {
    let Postmortem {
        schema: _,
        kind: _,
        summary,
        customer_summary,
        distribution,
        meta,
        impact,
        timeline,
        whys,
        factors,
        response,
        review,
        actions,
        project,
        appendix,
        follow_up,
        sign_off,
        meeting,
        lint,
        headings,
        unmapped,
        // Merge conflict records hold TOML fragments, not prose.
        conflicts: _,
    } = doc;
    f("summary", summary);
    f("customer_summary", customer_summary);
    list(f, "distribution[]", distribution);
    meta_texts(meta, f);
    impact_texts(impact, f);
    for event in timeline {
        event_texts(event, f);
    }
    whys_texts(whys, f);
    for factor in factors {
        factor_texts(factor, f);
    }
    for phase in response {
        let ResponsePhase {
            phase,
            happened,
            worked,
            did_not_work,
        } = phase;
        f("response[].phase", phase);
        f("response[].happened", happened);
        f("response[].worked", worked);
        f("response[].did_not_work", did_not_work);
    }
    review_texts(review, f);
    for action in actions {
        action_texts(action, f);
    }
    if let Some(project) = project {
        project_texts(project, f);
    }
    let Appendix {
        logs,
        metrics,
        related,
        notes,
    } = appendix;
    f("appendix.logs", logs);
    f("appendix.metrics", metrics);
    list(f, "appendix.related[]", related);
    f("appendix.notes", notes);
    for item in follow_up {
        let FollowUp { what, date: _ } = item;
        f("follow_up[].what", what);
    }
    for item in sign_off {
        let SignOff {
            role,
            name,
            date: _,
            fingerprint: _,
        } = item;
        f("sign_off[].role", role);
        f("sign_off[].name", name);
    }
    meeting_texts(meeting, f);
    // Rule ids and places are keys, not prose.
    let DocLint { rules: _, suppress } = lint;
    for s in suppress {
        let Suppression {
            rule: _,
            at: _,
            text,
            reason,
            by,
        } = s;
        f("lint.suppress[].text", text);
        f("lint.suppress[].reason", reason);
        f("lint.suppress[].by", by);
    }
    for heading in headings.values_mut() {
        f("headings.*", heading);
    }
    for part in unmapped {
        let Unmapped { heading, markdown } = part;
        f("unmapped[].heading", heading);
        f("unmapped[].markdown", markdown);
    }
}

fn meeting_texts(meeting: &mut Meeting, f: &mut dyn FnMut(&'static str, &mut String)) {
    let Meeting {
        current: _,
        review: _,
        closed: _,
        agenda,
        attendance,
        parking,
        notes,
    } = meeting;
    for step in agenda {
        let AgendaStep {
            name,
            minutes: _,
            spent: _,
            topic: _,
        } = step;
        f("meeting.step[].name", name);
    }
    for person in attendance {
        let Attendee { role, name } = person;
        f("meeting.attendance[].role", role);
        f("meeting.attendance[].name", name);
    }
    for point in parking {
        // `resolved` is an action id or `dropped`, not prose.
        let Parked { text, resolved: _ } = point;
        f("meeting.parked[].text", text);
    }
    for note in notes {
        let MeetingNote { at: _, text } = note;
        f("meeting.note[].text", text);
    }
}

fn list(f: &mut dyn FnMut(&'static str, &mut String), name: &'static str, items: &mut [String]) {
    for item in items {
        f(name, item);
    }
}

fn meta_texts(meta: &mut Meta, f: &mut dyn FnMut(&'static str, &mut String)) {
    let Meta {
        id,
        title,
        severity,
        status: _,
        started: _,
        ended: _,
        postmortem_date: _,
        timezone,
        authors,
        reviewers,
        services,
        tags,
        roster,
        allow,
        private_terms,
        categories,
        // A template name, not prose.
        template: _,
        severity_scale,
    } = meta;
    f("meta.id", id);
    f("meta.title", title);
    f("meta.severity", severity);
    f("meta.timezone", timezone);
    list(f, "meta.authors[]", authors);
    list(f, "meta.reviewers[]", reviewers);
    list(f, "meta.services[]", services);
    list(f, "meta.tags[]", tags);
    list(f, "meta.roster[]", roster);
    list(f, "meta.allow[]", allow);
    list(f, "meta.private_terms[]", private_terms);
    list(f, "meta.categories[]", categories);
    for level in severity_scale {
        let SeverityLevel {
            level,
            label,
            definition,
        } = level;
        f("meta.severity_scale[].level", level);
        f("meta.severity_scale[].label", label);
        f("meta.severity_scale[].definition", definition);
    }
}

fn impact_texts(impact: &mut Impact, f: &mut dyn FnMut(&'static str, &mut String)) {
    let Impact {
        users_affected,
        duration,
        requests_failed,
        revenue,
        sla,
        data_loss,
        customer_complaints,
        extra,
    } = impact;
    f("impact.users_affected", users_affected);
    f("impact.duration", duration);
    f("impact.requests_failed", requests_failed);
    f("impact.revenue", revenue);
    f("impact.sla", sla);
    f("impact.data_loss", data_loss);
    f("impact.customer_complaints", customer_complaints);
    for row in extra {
        let ImpactRow { metric, value } = row;
        f("impact.extra[].metric", metric);
        f("impact.extra[].value", value);
    }
}

fn event_texts(event: &mut Event, f: &mut dyn FnMut(&'static str, &mut String)) {
    let Event {
        id,
        at: _,
        text,
        source,
        actor,
        actor_kind: _,
        marks: _,
        gap: _,
        private: _,
        ignore,
        provenance,
    } = event;
    f("timeline[].id", id);
    f("timeline[].text", text);
    f("timeline[].source", source);
    f("timeline[].actor", actor);
    list(f, "timeline[].ignore[]", ignore);
    if let Some(provenance) = provenance {
        let Provenance {
            kind,
            file,
            raw,
            hash,
        } = &mut **provenance;
        f("timeline[].provenance.kind", kind);
        f("timeline[].provenance.file", file);
        f("timeline[].provenance.raw", raw);
        f("timeline[].provenance.hash", hash);
    }
}

fn whys_texts(whys: &mut Whys, f: &mut dyn FnMut(&'static str, &mut String)) {
    let Whys {
        problem,
        root_cause,
        nodes,
    } = whys;
    f("whys.problem", problem);
    f("whys.root_cause", root_cause);
    for node in nodes {
        let Why {
            id,
            parent,
            question,
            text,
            root: _,
            accepted_risk,
            private: _,
            ignore,
        } = &mut **node;
        f("whys.node[].id", id);
        f("whys.node[].parent", parent);
        f("whys.node[].question", question);
        f("whys.node[].text", text);
        f("whys.node[].accepted_risk", accepted_risk);
        list(f, "whys.node[].ignore[]", ignore);
    }
}

fn factor_texts(factor: &mut Factor, f: &mut dyn FnMut(&'static str, &mut String)) {
    let Factor {
        id,
        category,
        text,
        contribution,
        events,
        whys,
        accepted_risk,
        private: _,
        ignore,
    } = factor;
    f("factors[].id", id);
    f("factors[].category", category);
    f("factors[].text", text);
    f("factors[].contribution", contribution);
    list(f, "factors[].events[]", events);
    list(f, "factors[].whys[]", whys);
    f("factors[].accepted_risk", accepted_risk);
    list(f, "factors[].ignore[]", ignore);
}

fn review_texts(review: &mut Review, f: &mut dyn FnMut(&'static str, &mut String)) {
    let Review {
        went_well,
        went_poorly,
        lucky,
        lessons,
    } = review;
    list(f, "review.went_well[]", went_well);
    list(f, "review.went_poorly[]", went_poorly);
    list(f, "review.lucky[]", lucky);
    for lesson in lessons {
        let Lesson { text, category } = lesson;
        f("review.lessons[].text", text);
        f("review.lessons[].category", category);
    }
}

fn action_texts(action: &mut ActionItem, f: &mut dyn FnMut(&'static str, &mut String)) {
    let ActionItem {
        id,
        title,
        kind: _,
        priority: _,
        owner,
        due: _,
        status: _,
        ticket,
        timeframe: _,
        factors,
        whys,
        notes,
        public: _,
        private: _,
        ignore,
    } = action;
    f("actions[].id", id);
    f("actions[].title", title);
    f("actions[].owner", owner);
    f("actions[].ticket", ticket);
    list(f, "actions[].factors[]", factors);
    list(f, "actions[].whys[]", whys);
    f("actions[].notes", notes);
    list(f, "actions[].ignore[]", ignore);
}

fn project_texts(project: &mut Project, f: &mut dyn FnMut(&'static str, &mut String)) {
    let Project {
        team,
        goals,
        differently,
        recommendations,
    } = project;
    list(f, "project.team[]", team);
    for goal in goals {
        let Goal {
            goal,
            target,
            actual,
            assessment: _,
        } = goal;
        f("project.goals[].goal", goal);
        f("project.goals[].target", target);
        f("project.goals[].actual", actual);
    }
    list(f, "project.differently[]", differently);
    list(f, "project.recommendations[]", recommendations);
}

import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { QwcHotReloadElement } from 'qwc-hot-reload-element';
import '@vaadin/grid';
import '@vaadin/button';
import '@vaadin/text-field';
import '@vaadin/details';
import { columnBodyRenderer } from '@vaadin/grid/lit.js';

/**
 * The Nova Session page: effective settings, the memory store's sessions (or a lookup by store key for a shared store),
 * and a live feed of the lifecycle events. Shows store keys only, never session ids.
 */
export class QwcNovaSessionSessions extends QwcHotReloadElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 1em; padding: 1em; }
        .settings { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1.5em; }
        .label { color: var(--lumo-contrast-60pct); }
        .values { white-space: pre-wrap; font-family: monospace; }
        .events { font-family: monospace; max-height: 14em; overflow: auto; }
        .row { display: flex; gap: 0.5em; align-items: baseline; }
    `;

    static properties = {
        _settings: { state: true },
        _sessions: { state: true },
        _count: { state: true },
        _shown: { state: true },
        _events: { state: true },
        _lookup: { state: true }
    };

    constructor() {
        super();
        this._sessions = [];
        this._events = [];
        this._count = null;
        this._shown = null;
        this._lookup = '';
    }

    connectedCallback() {
        super.connectedCallback();
        this.hotReload();
        this._feed = this.jsonRpc.streamEvents().onNext(response => {
            this._events = [...this._events.slice(-99), response.result];
            this._refreshSessions();
        });
    }

    disconnectedCallback() {
        if (this._feed) {
            this._feed.cancel();
        }
        super.disconnectedCallback();
    }

    hotReload() {
        this.jsonRpc.getSettings().then(r => this._settings = r.result);
        this.jsonRpc.getRecentEvents().then(r => this._events = r.result);
        this._refreshSessions();
    }

    _refreshSessions() {
        this.jsonRpc.getSessions().then(r => this._sessions = r.result);
        this.jsonRpc.countSessions().then(r => this._count = r.result);
    }

    render() {
        return html`
            ${this._renderSettings()}
            ${this._renderSessions()}
            ${this._renderLookup()}
            ${this._renderEvents()}`;
    }

    _renderSettings() {
        if (!this._settings) {
            return html`<span>Loading settings…</span>`;
        }
        const s = this._settings;
        const keys = { configured: 'configured (id-keys)', shared: 'shared through the store',
            generated: 'generated at start-up (kept across live reloads)' };
        return html`<vaadin-details summary="Settings" opened>
            <div class="settings">
                <span class="label">Store</span><span>${s.store ?? s.manager}${s.sharedStore ? ' (shared)' : ''}</span>
                <span class="label">Sessions</span><span>${s.enabled ? s.create : 'disabled'}</span>
                <span class="label">Id signing keys</span><span>${keys[s.idKeys] ?? s.idKeys}</span>
                <span class="label">Idle / absolute timeout</span><span>${s.idleTimeout} / ${s.absoluteTimeout}</span>
                <span class="label">Touch interval</span><span>${s.touchInterval}</span>
                <span class="label">Store timeout</span><span>${s.storeTimeout}</span>
                <span class="label">Limits</span>
                <span>${s.maxKeys} keys, ${s.maxValueSize} characters a value, ${s.maxKeyLength} a key</span>
                <span class="label">Cookie</span>
                <span>${s.cookie.name}; Path=${s.cookie.path}${s.cookie.domain ? '; Domain=' + s.cookie.domain : ''}${s.cookie.httpOnly ? '; HttpOnly' : ''}; Secure=${s.cookie.secure}; SameSite=${s.cookie.sameSite}${s.cookie.maxAge ? '; Max-Age=' + s.cookie.maxAge : ''}</span>
            </div>
        </vaadin-details>`;
    }

    _renderSessions() {
        const listed = this._settings && this._settings.listsSessions;
        return html`<vaadin-details summary="Sessions (${this._count ?? '…'})" opened>
            ${listed ? html`
                <vaadin-grid .items="${this._sessions}" theme="row-stripes" all-rows-visible>
                    <vaadin-grid-column header="Store key" path="storeKeyPrefix" auto-width></vaadin-grid-column>
                    <vaadin-grid-column header="Created" path="created" auto-width></vaadin-grid-column>
                    <vaadin-grid-column header="Last seen" path="lastSeen" auto-width></vaadin-grid-column>
                    <vaadin-grid-column header="Keys (value size)" auto-width
                        ${columnBodyRenderer(session => html`${session.keys.map(k => `${k.key} (${k.size})`).join(', ')}`, [])}>
                    </vaadin-grid-column>
                    <vaadin-grid-column header="" auto-width
                        ${columnBodyRenderer(session => html`
                            <vaadin-button theme="small" @click="${() => this._show(session.storeKey)}">Values</vaadin-button>
                            <vaadin-button theme="small error" @click="${() => this._end(session.storeKey)}">End</vaadin-button>`, [])}>
                    </vaadin-grid-column>
                </vaadin-grid>`
                : html`<span>The ${this._settings ? this._settings.store : ''} store is shared: its sessions are not listed. Count: ${this._count ?? '…'} entries. Look one up by store key below.</span>`}
        </vaadin-details>`;
    }

    _renderLookup() {
        return html`<vaadin-details summary="Session by store key" opened>
            <div class="row">
                <vaadin-text-field placeholder="store key (SHA-256 of the id, 43 characters)" style="width: 32em"
                    .value="${this._lookup}" @value-changed="${e => this._lookup = e.detail.value}"></vaadin-text-field>
                <vaadin-button @click="${() => this._show(this._lookup)}">Look up</vaadin-button>
            </div>
            ${this._shown ? this._renderShown() : ''}
        </vaadin-details>`;
    }

    _renderShown() {
        const shown = this._shown;
        if (!shown.found) {
            return html`<p>No live session under ${shown.storeKey ?? 'that key'}.</p>`;
        }
        return html`<div>
            <p>${shown.storeKey}, last seen ${shown.lastSeen}
                <vaadin-button theme="small error" @click="${() => this._end(shown.storeKey)}">End</vaadin-button></p>
            <div class="values">${Object.entries(shown.values).map(([k, v]) => `${k} = ${v}`).join('\n')}</div>
        </div>`;
    }

    _renderEvents() {
        return html`<vaadin-details summary="Lifecycle events" opened>
            <div class="events">
                ${this._events.length === 0 ? html`<span>No event yet.</span>` : this._events.slice().reverse().map(e =>
                    html`<div>${e.at} ${e.type}${e.cause ? ' (' + e.cause + ')' : ''} ${e.storeKey.substring(0, 8)}…</div>`)}
            </div>
        </vaadin-details>`;
    }

    _show(storeKey) {
        this.jsonRpc.getSession({ storeKey: storeKey }).then(r => this._shown = r.result);
    }

    _end(storeKey) {
        this.jsonRpc.endSession({ storeKey: storeKey }).then(() => {
            this._shown = null;
            this._refreshSessions();
        });
    }
}
customElements.define('qwc-nova-session-sessions', QwcNovaSessionSessions);

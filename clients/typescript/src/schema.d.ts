// Generated from openapi/openapi.json by clients/typescript/generate.mjs (npm run openapi).
// Do not edit: change the API, then regenerate.

export interface paths {
    "/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Creates an account with the role `individual` and signs it in.
         * @description Public. Answers the account and the tokens of a new session. An email already registered
         *     answers 409, in about the time a new one takes. Rate-limited per client address and per email
         *     (429 with Retry-After).
         */
        post: operations["authRegister"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Signs in with email and password.
         * @description Public. Answers the account and the tokens of a new session. An unknown email and a wrong
         *     password get the same 401, so neither reveals whether an account exists; accounts made by an
         *     organisation's SSO or provisioning have no password and sign in through that SSO. Rate-limited
         *     per client address and per email (429 with Retry-After).
         */
        post: operations["authLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchanges a refresh token for a new token pair.
         * @description Public: the refresh token is the credential. Each refresh token works once; keep the new one.
         *     Presenting one that was already exchanged ends its whole session (someone else may hold it) and
         *     answers 401, as do unknown and expired ones. Rate-limited per client address and per token (429
         *     with Retry-After).
         */
        post: operations["authRefresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ends the session the refresh token belongs to.
         * @description Public: the refresh token is the credential. The session's access tokens stop working at once.
         *     An unknown token changes nothing and also answers 204, so calling it twice is harmless.
         */
        post: operations["authLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users/{id}/role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Gives a user a role.
         * @description Platform admins only; `admin` makes the user a platform admin. The user's sessions end in the
         *     same transaction, so the new role applies from their next sign-in. An unknown user answers 404.
         */
        patch: operations["adminUsersSetRole"];
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in person's account.
         * @description For any signed-in person (not an API client): email, role, display name, avatar, time zone and
         *     preferences; never the password or anything their organisations hold about them.
         */
        get: operations["meGet"];
        put?: never;
        post?: never;
        /**
         * Deletes the signed-in person's account and personal data.
         * @description Irreversible, in one transaction: mood entries, journals, assessment responses, appointments,
         *     buddy profile and matches, course enrolments, memberships and sessions go with the account.
         *     Anonymous posts and survey answers were never linked to the person and stay as they are;
         *     organisations they administered stay, without an admin.
         */
        delete: operations["meErase"];
        options?: never;
        head?: never;
        /**
         * Changes the signed-in person's profile.
         * @description Only the fields sent change: display name, avatar URL (https), IANA time zone (mood statistics
         *     count days in it) and preferences (free-form JSON up to 16 KB, replaced as a whole; `country`
         *     picks the crisis lines shown). Email and role cannot be changed here.
         */
        patch: operations["meUpdate"];
        trace?: never;
    };
    "/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Changes the password, ends every session and answers a new one.
         * @description Needs the current password; a wrong one answers 401. Every session of the account ends, this
         *     one included, so other devices are signed out at once; the answer carries the tokens of a new
         *     session. Rate-limited per client address and per account (429 with Retry-After).
         */
        post: operations["meChangePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything stored about the caller, as one JSON document.
         * @description The data export a person is entitled to: account, mood entries and journals (decrypted),
         *     assessment responses, appointments, memberships, buddy matches, sessions and course enrolments.
         *     Anonymous posts and survey answers are not in it: nothing links them to anyone.
         */
        get: operations["meExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's signed-in sessions.
         * @description Open sessions only, each with when it started, was last refreshed and expires; `current` marks
         *     the one this request's token belongs to. Last used first, paged with `limit` and `cursor`; a
         *     session refreshed while you page moves to the first page.
         */
        get: operations["meSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Signs one session out.
         * @description Its access tokens stop working at once. Another person's session id answers 404, the same as an
         *     unknown one, so ids cannot be probed.
         */
        delete: operations["meEndSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/sso/exchange": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Signs in with an ID token from the organisation's identity provider.
         * @description Public. The ID token must come from a registered provider, be used for the first time, carry
         *     the nonce the client sent and a verified email of a domain the organisation has verified;
         *     otherwise 401. The first sign-in makes the account (unless one exists) and the membership. The
         *     session belongs to the organisation's SSO: ending the membership ends it. Platform admin
         *     accounts cannot sign in this way (403). Rate-limited per identity (429 with Retry-After).
         */
        post: operations["ssoExchange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{orgId}/identity-providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organisation's identity providers.
         * @description For the organisation's admin and platform admins, never an API client; anyone else gets 404.
         *     Oldest first, paged with `limit` and `cursor`.
         */
        get: operations["orgIdentityProvidersList"];
        put?: never;
        /**
         * Registers an OpenID Connect provider for the organisation's SSO.
         * @description For the organisation's admin and platform admins, never an API client; anyone else gets 404.
         *     Each email domain must be one the organisation has verified (422 otherwise), and the issuer an
         *     https URL. An issuer shared by several organisations (Entra multi-tenant, Google) is told apart
         *     by `tenantClaim` and `tenantId`; a registration that would clash answers 409.
         */
        post: operations["orgIdentityProvidersRegister"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{orgId}/identity-providers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Removes an identity provider.
         * @description For the organisation's admin and platform admins, never an API client. Its people can no longer
         *     sign in through it; sessions already open stay open.
         */
        delete: operations["orgIdentityProvidersRemove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/oauth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issues an HR system a client-credentials access token.
         * @description OAuth 2.0 client-credentials grant (RFC 6749 section 4.4). Send `grant_type=client_credentials`
         *     (and optionally `scope`) as a form, authenticating with HTTP Basic or with `client_id` and
         *     `client_secret` fields (a JSON body with the same fields works too). The token lasts 10
         *     minutes, is bound to the client's organisation and carries the scopes asked for (all the
         *     client's by default, never more: 400 `invalid_scope`). Errors follow RFC 6749 section 5.2. A
         *     token is refused as soon as its client is revoked, whatever its remaining lifetime.
         *     Rate-limited per client (429 with Retry-After).
         */
        post: operations["oAuthTokenToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{orgId}/api-clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organisation's API clients.
         * @description For the organisation's admin and platform admins; anyone else gets 404. Newest first, revoked
         *     ones included, each with its scopes and when it last obtained a token; secrets are never shown
         *     again. Paged with `limit` and `cursor`.
         */
        get: operations["orgApiClientsList"];
        put?: never;
        /**
         * Creates a client; its secret is in this answer only.
         * @description For the organisation's admin and platform admins; anyone else gets 404. The client is bound to
         *     this organisation with the scopes given. Only a hash of the secret is kept, so store it now;
         *     the HR system exchanges the client id and secret for tokens at `POST /v1/oauth/token`.
         */
        post: operations["orgApiClientsCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{orgId}/api-clients/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revokes a client: its tokens stop working at once.
         * @description For the organisation's admin and platform admins. Tokens already issued are refused from the
         *     next request and no new ones are issued. A client already revoked answers 404.
         */
        delete: operations["orgApiClientsRevoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Creates an organisation and names its admin (the caller by default).
         * @description Platform admins only. `minGroupSize` (at least 3, default 5) is the smallest group whose
         *     aggregates the organisation is ever shown; it can be changed later in its settings.
         */
        post: operations["orgsCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{orgId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organisation and its settings.
         * @description For its admin, platform admins and its own HR clients with any scope; anyone else gets 404.
         *     Answers its name, admin, privacy thresholds, score cadence, time zone, departments and latest
         *     wellness score.
         */
        get: operations["orgsGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Changes the organisation's name or settings.
         * @description For its admin and platform admins; anyone else gets 404. Only the fields and settings sent
         *     change. Only a platform admin may hand the organisation to another admin (403 otherwise), and
         *     `commentsMinGroupSize` may not go below `minGroupSize` (422).
         */
        patch: operations["orgsUpdate"];
        trace?: never;
    };
    "/v1/orgs/{orgId}/employees": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organisation's members, newest first.
         * @description For the organisation's admin, platform admins and HR clients with `employees:read` or
         *     `employees:write`; anyone else gets 404. Filtered by department or by `active`; up to 500 a
         *     page (default 100), the next page named by `nextCursor` and the `Link` header. Members are
         *     answered with who they are in the organisation, never anything about how they are.
         */
        get: operations["employeesList"];
        /**
         * Applies an HR system's roster in one transaction.
         * @description For the organisation's admin, platform admins and HR clients with `employees:write`. Up to
         *     10,000 rows (413 beyond), keyed by externalId, else email; an upsert, not a replace: people the
         *     roster leaves out are untouched, and a leaver is a row with `active: false`. The same roster
         *     again changes nothing and answers every row `unchanged`. If any row is refused, nothing is
         *     applied: 422 with the refused rows only.
         */
        put: operations["employeesUpsert"];
        /**
         * Adds a person to the organisation by email.
         * @description For the organisation's admin, platform admins and HR clients with `employees:write`. Only
         *     emails of a domain the organisation has verified (403 otherwise: invite the person instead); an
         *     account is made if none exists, without a password, for sign-in through the organisation's SSO.
         *     A person whose membership had ended becomes a member again; a current member answers 409.
         */
        post: operations["employeesAdd"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{orgId}/employees/{employeeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One member, by the id the organisation's lists and provisioning answered.
         * @description For the organisation's admin, platform admins and HR clients with `employees:read` or
         *     `employees:write`. Ended memberships are answered too, with `active: false`; an id that is not
         *     one of the organisation's members answers 404.
         */
        get: operations["employeesGet"];
        put?: never;
        post?: never;
        /**
         * Ends a person's membership.
         * @description For the organisation's admin, platform admins and HR clients with `employees:write`. The
         *     sessions the person began through the organisation's SSO end; their account, other sessions and
         *     own data (moods, journals) stay theirs, and the member stays listed with `active: false`.
         *     Ending an ended membership again changes nothing.
         */
        delete: operations["employeesRemove"];
        options?: never;
        head?: never;
        /**
         * Changes a member's details or role in the organisation.
         * @description For the organisation's admin, platform admins and HR clients with `employees:write`; `orgRole`
         *     (a manager sees the organisation's aggregates and runs its surveys) only by a person, never an
         *     API client (403). Fields sent as null are cleared; a department must be one of the
         *     organisation's when it keeps a list (422). Only the membership changes, never the person's own
         *     account, and repeating a change changes nothing.
         */
        patch: operations["employeesUpdate"];
        trace?: never;
    };
    "/v1/orgs/{orgId}/domains": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organisation's domains, pending and verified.
         * @description For the organisation's admin and platform admins, never an API client; anyone else gets 404.
         *     Each with the TXT record that verifies it; newest claim first, paged with `limit` and `cursor`.
         */
        get: operations["orgDomainsList"];
        put?: never;
        /**
         * Claims an email domain and answers the TXT record to publish.
         * @description For the organisation's admin and platform admins, never an API client; anyone else gets 404.
         *     Publish the record in the domain's DNS, then call verify; claiming again answers the same
         *     record.
         */
        post: operations["orgDomainsClaim"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{orgId}/domains/{domain}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Looks the TXT record up in DNS now and marks the domain verified when it is there.
         * @description For the organisation's admin and platform admins, never an API client. A domain already
         *     verified answers as it is. 422 while the record cannot be found (DNS changes can take a while),
         *     409 when another organisation has verified the domain, 503 when DNS does not answer.
         */
        post: operations["orgDomainsVerify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{orgId}/domains/{domain}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Drops the organisation's claim on a domain.
         * @description For the organisation's admin and platform admins, never an API client; by a platform admin,
         *     this revokes the organisation's verification. From then on its SSO, SCIM and roster sync reach
         *     no one of that domain; current members stay members.
         */
        delete: operations["orgDomainsRemove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{orgId}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organisation's invitations, newest first, with their answers.
         * @description For the organisation's admin, platform admins and HR clients with `employees:read` or
         *     `employees:write`; anyone else gets 404. Each is pending, accepted, declined, withdrawn or
         *     expired. Paged with `limit` and `cursor`.
         */
        get: operations["orgInvitationsList"];
        put?: never;
        /**
         * Invites a person by email; valid for 14 days.
         * @description For the organisation's admin, platform admins and HR clients with `employees:write`: how a
         *     person outside the organisation's verified domains joins. They see the invitation once signed
         *     in with that email and join only by accepting; until then nothing of theirs reaches the
         *     organisation. A current member, or an open invitation to the same email, answers 409.
         */
        post: operations["orgInvitationsInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{orgId}/invitations/{invitationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Withdraws an open invitation.
         * @description For the organisation's admin, platform admins and HR clients with `employees:write`. An
         *     invitation already answered or withdrawn answers 404.
         */
        delete: operations["orgInvitationsWithdraw"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Open invitations addressed to the email the person signs in with.
         * @description For any signed-in person: pending invitations not yet expired, with the organisation's name and
         *     the job details it offers; newest first, paged with `limit` and `cursor`.
         */
        get: operations["myInvitationsList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/invitations/{invitationId}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accepts an invitation and joins the organisation.
         * @description For the person it is addressed to (by sign-in email); another person's, an expired or an
         *     answered invitation answers 404, and a current member 409. The membership takes the
         *     invitation's details (an ended one starts again), and from then on the person's mood counts
         *     towards the organisation's aggregate wellness.
         */
        post: operations["myInvitationsAccept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/invitations/{invitationId}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Declines an invitation.
         * @description For the person it is addressed to; another person's, an expired or an answered invitation
         *     answers 404. The organisation sees the invitation declined, and nothing else of the person.
         */
        post: operations["myInvitationsDecline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/mood": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's entries, newest first.
         * @description Only the caller's own, with their notes. Paged with `limit` (up to 100, default 20) and
         *     `cursor`, optionally between `from` and `to`.
         */
        get: operations["moodList"];
        put?: never;
        /**
         * Records how the caller feels now.
         * @description For any signed-in person. A score from 1 to 10 and an optional note, stored encrypted and
         *     answered to no one else. Each change to a person's entries queues a recompute of their
         *     organisations' wellness scores, which show only aggregates.
         */
        post: operations["moodCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/mood/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Daily means in the caller's time zone, moving averages, trend, weekdays and streaks.
         * @description Over the last `days` calendar days (default 30, up to 365), counted in the time zone of the
         *     caller's account; a day without an entry has a null average.
         */
        get: operations["moodStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/mood/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Deletes one of the caller's mood entries.
         * @description Another person's entry answers 404, the same as an unknown one. The caller's organisations'
         *     scores are recomputed without it.
         */
        delete: operations["moodRemove"];
        options?: never;
        head?: never;
        /**
         * Changes one of the caller's mood entries.
         * @description Only the fields sent change; `notes: null` removes the note. Another person's entry answers
         *     404, the same as an unknown one. The caller's organisations' scores are recomputed.
         */
        patch: operations["moodUpdate"];
        trace?: never;
    };
    "/v1/journals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's entries, newest first, optionally by tag and time range.
         * @description Only the caller's own. Paged with `limit` (up to 100, default 20) and `cursor`; `tag` is
         *     normalised like stored tags.
         */
        get: operations["journalsList"];
        put?: never;
        /**
         * Writes a journal entry.
         * @description For any signed-in person. The text is stored encrypted, and entries are answered to their
         *     author only. Up to 20 tags, stored normalised (lower case, dashes for spaces).
         */
        post: operations["journalsCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/journals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of the caller's journal entries.
         * @description Another person's entry answers 404, the same as an unknown one.
         */
        get: operations["journalsGet"];
        put?: never;
        post?: never;
        /**
         * Deletes one of the caller's journal entries.
         * @description For good. Another person's entry answers 404.
         */
        delete: operations["journalsRemove"];
        options?: never;
        head?: never;
        /**
         * Changes one of the caller's journal entries.
         * @description Only the fields sent change; `tags` replaces them all and `moodScore: null` clears it. Another
         *     person's entry answers 404.
         */
        patch: operations["journalsUpdate"];
        trace?: never;
    };
    "/v1/assessments/responses/{responseId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of the caller's own responses (another person's answers 404).
         * @description Its scores, band and the recommendations made when it was answered. Crisis resources are shown
         *     only in the answer to the submission, never again.
         */
        get: operations["assessmentsResponse"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assessments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The standard instruments (PHQ-9, GAD-7, WHO-5, PSS-10) and the custom ones the caller sees.
         * @description For any signed-in person: the standard instruments, custom ones made by platform admins, and
         *     the caller's own; each with its questions, answer options and scoring. Oldest first, so the
         *     standard instruments lead; paged with `limit` and `cursor`.
         */
        get: operations["assessmentsList"];
        put?: never;
        /**
         * Creates a custom assessment in the same schema as the standard ones.
         * @description For any signed-in person. Seen by its author only, or by everyone when a platform admin makes
         *     it. A definition that does not hold together answers 400, naming each problem.
         */
        post: operations["assessmentsCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assessments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One assessment, with its questions and scoring.
         * @description Standard instruments, custom ones made by platform admins, and the caller's own; any other
         *     answers 404.
         */
        get: operations["assessmentsGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assessments/{id}/responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's own responses to this assessment, newest first, with the change over time.
         * @description The latest 100, each with its scores and band; `change` is the latest total minus the earliest
         *     (null with fewer than two).
         */
        get: operations["assessmentsHistory"];
        put?: never;
        /**
         * Scores the caller's answers; every question answered once, with one of its values.
         * @description Answers the total and category scores, the band, and recommended courses (and, from a moderate
         *     band, therapists). When the answers call for it, crisis lines for the caller's country are in
         *     this answer only: not stored, logged or passed on. Responses are the person's alone; no
         *     organisation sees them.
         */
        post: operations["assessmentsRespond"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/courses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The course catalogue.
         * @description For any signed-in person. Newest first, retired courses left out; filtered by difficulty,
         *     maximum duration, topic and words in the title or description, paged with `limit` and `cursor`.
         */
        get: operations["coursesList"];
        put?: never;
        /**
         * Adds a course to the catalogue.
         * @description Platform admins only. Module ids must be unique within the course (400); the course's duration
         *     is the sum of its modules'.
         */
        post: operations["coursesCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/courses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One course, with its modules.
         * @description For any signed-in person. A retired course still answers, with `retiredAt` set, but cannot be
         *     enrolled in.
         */
        get: operations["coursesGet"];
        put?: never;
        post?: never;
        /**
         * Retires the course: gone from the catalogue, progress kept.
         * @description Platform admins only. No one can enrol any more; people already enrolled keep their progress. A
         *     course already retired answers 404.
         */
        delete: operations["coursesRetire"];
        options?: never;
        head?: never;
        /**
         * Changes a course.
         * @description Platform admins only. Only the fields sent change; `modules` replaces the list, with ids unique
         *     within the course (400).
         */
        patch: operations["coursesUpdate"];
        trace?: never;
    };
    "/v1/courses/{id}/enrollment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Enrols the caller in a course.
         * @description Enrolling again changes nothing and answers the same progress. A retired or unknown course
         *     answers 404.
         */
        put: operations["coursesEnroll"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/courses/{id}/modules/{moduleId}/completion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Marks one module finished for the caller.
         * @description Needs an enrolment (404 otherwise); marking it again changes nothing. When every module is
         *     finished, the course is marked complete. Answers the caller's progress.
         */
        put: operations["coursesComplete"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/courses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's courses with their progress.
         * @description Every course the caller enrolled in, latest enrolment first, retired courses included; paged
         *     with `limit` and `cursor`.
         */
        get: operations["myCoursesMine"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The feed of anonymous posts.
         * @description For any signed-in person: posts moderators have not hidden, newest or most supported first
         *     (`sort`), paged with `limit` and `cursor`. No post names an author.
         */
        get: operations["rantsFeed"];
        put?: never;
        /**
         * Posts anonymously.
         * @description Sign-in deters abuse, yet nothing stored leads back to the author: the time is kept to the
         *     minute, and the delete token in this answer, shown once, is the only link to the post. When the
         *     words suggest a crisis, crisis lines for the author's country are in this answer only. At most
         *     10 posts an hour per person (429).
         */
        post: operations["rantsPost"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Deletes a post with the token its author was given.
         * @description A wrong token answers 404, the same as an unknown post.
         */
        delete: operations["rantsRemove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rants/{id}/support": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Supports a post, once per person.
         * @description Supporting again changes nothing (`added: false`) and answers the current count. Who supported
         *     is not recorded, only a keyed hash that lets each person count once. A hidden or unknown post
         *     answers 404.
         */
        post: operations["rantsSupport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rants/{id}/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reports a post for moderators to review, once per person; who reported is not recorded.
         * @description With a reason. Reporting again changes nothing (`added: false`); a hidden or unknown post
         *     answers 404.
         */
        post: operations["rantsReport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/rants/reported": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Reported posts, for moderators.
         * @description Platform admins only. Most reported first, with the number of reports per reason; `status`
         *     chooses posts still in the feed (`open`) or already hidden. Moderators see the text, never an
         *     author or a reporter: neither is recorded.
         */
        get: operations["adminRantsReported"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/rants/{id}/hide": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Takes a post out of the feed.
         * @description Platform admins only. The post is kept so the decision can be reviewed or undone with restore.
         *     An unknown post answers 404.
         */
        post: operations["adminRantsHide"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/rants/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Puts a hidden post back in the feed.
         * @description Platform admins only. An unknown post answers 404.
         */
        post: operations["adminRantsRestore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/buddies/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your buddy profile.
         * @description 404 when you have not opted in.
         */
        get: operations["buddiesGetProfile"];
        /**
         * Opts in to buddy matching, or replaces your buddy profile.
         * @description Interests, goals and preferred hours (on your clock: the account's time zone unless one is
         *     given). Your suggestions are recomputed in the background, so they can take a moment to appear.
         *     Others are shown your display name, the interests you share with them and your goals.
         */
        put: operations["buddiesSaveProfile"];
        post?: never;
        /**
         * Opts out of buddy matching.
         * @description Your profile and suggestions go, and your pending and active matches end. Blocks stay, both
         *     ways, so opting in again does not undo them. 404 when you had not opted in.
         */
        delete: operations["buddiesOptOut"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/buddies/suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * People you may like as a buddy, best first.
         * @description Up to `limit` (default 10, at most 50), from the list kept for you in the background; people
         *     you have a pending, active or blocked match with are left out. One page: `nextCursor` is
         *     always null. 409 until you opt in.
         */
        get: operations["buddiesSuggestions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/buddies/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Asks someone to be your buddy; they accept or decline.
         * @description Both of you must have opted in: 409 until you have; someone who has not, or who blocked you or
         *     whom you blocked, answers 404 alike. One live match per pair: 409 when you already have a
         *     pending or active one.
         */
        post: operations["buddiesRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/buddies/matches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your pending requests, both ways, and your active matches.
         * @description Each with the other person's display name, its direction and the compatibility score. Declined,
         *     ended and blocked matches are not listed. Newest first, paged with `limit` and `cursor`.
         */
        get: operations["buddiesMatchesOf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/buddies/matches/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accepts a pending request you received.
         * @description Only the person asked may accept (403 for the one who asked); a match no longer pending answers
         *     409.
         */
        post: operations["buddiesAccept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/buddies/matches/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Declines a pending request you received.
         * @description Only the person asked may decline (403 for the one who asked); a match no longer pending
         *     answers 409.
         */
        post: operations["buddiesDecline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/buddies/matches/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ends an active match, or withdraws a pending request; either person may.
         * @description A match already declined or ended answers 409.
         */
        post: operations["buddiesEnd"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/buddies/blocks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Blocks someone for good.
         * @description There is no unblock. Neither of you is suggested to the other or can ask the other again, and a
         *     live match between you stops. They are not told: to them you look like someone who has not
         *     opted in. Blocking again changes nothing.
         */
        post: operations["buddiesBlock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/therapists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The therapist directory, best rated first, then by name.
         * @description For any signed-in person. Filtered by specialization, minimum rating, language and free time
         *     (at least one free slot between `freeFrom` and `freeTo`), paged with `limit` and `cursor`.
         */
        get: operations["therapistsList"];
        put?: never;
        /**
         * Adds a therapist to the directory.
         * @description Platform admins only. The license number must be unique (409); availability is checked rule by
         *     rule (400 naming each field).
         */
        post: operations["therapistsCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/therapists/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One therapist, with their weekly hours.
         * @description For any signed-in person. `availability` is null while no hours are set, and nothing can be
         *     booked then.
         */
        get: operations["therapistsGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Changes a therapist's details or availability.
         * @description Platform admins only. Only the fields given change, `availability` as a whole; booked
         *     appointments stay as they are. A license number another therapist has answers 409.
         */
        patch: operations["therapistsUpdate"];
        trace?: never;
    };
    "/v1/therapists/{id}/slots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A therapist's free slots between `from` and `to` (at most 31 days).
         * @description The weekly hours and exceptions laid out on the therapist's local clock, minus booked time and
         *     the past. Book one with `POST /v1/appointments`.
         */
        get: operations["therapistsSlots"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/appointments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's appointments: upcoming soonest first, or past latest first.
         * @description `when` chooses upcoming (the default) or past; paged with `limit` and `cursor`. Each with the
         *     caller's note.
         */
        get: operations["appointmentsList"];
        put?: never;
        /**
         * Books one free slot of a therapist for the caller; it starts pending.
         * @description For any signed-in person. The time must be one of the therapist's future slots (422); a slot
         *     already booked answers 409, also when two people race for it. The optional note is stored
         *     encrypted and answered only to the person who booked.
         */
        post: operations["appointmentsBook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/appointments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of the caller's appointments.
         * @description With the caller's note. Another person's appointment answers 404, the same as an unknown one.
         */
        get: operations["appointmentsGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/appointments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Calls off a pending or confirmed appointment: its owner, or an admin for the practice.
         * @description A platform admin may cancel anyone's, answered without the person's note; anyone else only
         *     their own (404 otherwise). A completed, cancelled or no-show appointment answers 409.
         */
        post: operations["appointmentsCancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/appointments/{id}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Moves the caller's appointment to another free slot of the same therapist.
         * @description Pending or confirmed appointments only (409 otherwise). Atomic: if the new slot is taken,
         *     nothing changes (409). It becomes pending again, since the practice confirmed the old time, not
         *     the new one.
         */
        post: operations["appointmentsReschedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/appointments/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The practice confirms a pending appointment.
         * @description Platform admins only, acting for the practice; answered without the person's note. Anything but
         *     a pending appointment answers 409.
         */
        post: operations["appointmentsConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/appointments/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The practice records a confirmed session as held, once it has started.
         * @description Platform admins only, acting for the practice; answered without the person's note. Anything but
         *     a confirmed appointment whose start has passed answers 409.
         */
        post: operations["appointmentsComplete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/appointments/{id}/no-show": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The practice records that the person did not come, once the session has started.
         * @description Platform admins only, acting for the practice; answered without the person's note. Anything but
         *     a confirmed appointment whose start has passed answers 409.
         */
        post: operations["appointmentsNoShow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{orgId}/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organisation's wellness at a glance.
         * @description For its admin, platform admins, its managers and HR clients with `org.wellness:read`; anyone
         *     else gets 404. Score, 12-week trend, participation and departments, as the last background
         *     recompute published them: aggregates only, never a person. Departments too small to show alone
         *     (fewer than the organisation's minGroupSize) are pooled into "Other" or withheld, each listed
         *     with the reason.
         */
        get: operations["orgWellnessDashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{orgId}/wellness/snapshots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The history of the organisation's wellness score.
         * @description For the same callers as the dashboard. Every published computation of the score, newest first,
         *     paged with `limit` and `cursor`; how many members had logged a mood is answered as null when it
         *     is some but fewer than the organisation's minGroupSize.
         */
        get: operations["orgWellnessSnapshots"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{orgId}/surveys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organisation's surveys, newest first.
         * @description For the organisation's admin, its managers, platform admins and HR clients with `surveys:read`
         *     or `surveys:write`; anyone else gets 404. Filtered by `status`, paged with `limit` and
         *     `cursor`. Members find the surveys they may answer at `GET /v1/surveys/open`.
         */
        get: operations["orgSurveysList"];
        put?: never;
        /**
         * Drafts a survey.
         * @description For the organisation's admin, its managers, platform admins and HR clients with
         *     `surveys:write`; anyone else gets 404. 1 to 50 questions; a draft can be changed until it is
         *     opened, and members see nothing of it until then.
         */
        post: operations["orgSurveysCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/surveys/open": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The open surveys the caller may answer, newest first.
         * @description For any signed-in person: surveys whose audience, fixed when they opened, includes the caller
         *     as a current member. Paged with `limit` and `cursor`.
         */
        get: operations["surveysListOpen"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/surveys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One survey, with its questions.
         * @description In any state for those who run the organisation's surveys (its admin, managers, platform
         *     admins, HR clients with `surveys:read` or `surveys:write`); for its current members only while
         *     it is open. Anyone else gets 404.
         */
        get: operations["surveysGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Changes the title or questions of a draft.
         * @description For those who run the organisation's surveys (HR clients with `surveys:write`); anyone else
         *     gets 404. An open or closed survey answers 409: its questions are fixed once it opens.
         */
        patch: operations["surveysUpdate"];
        trace?: never;
    };
    "/v1/surveys/{id}/open": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Opens a draft for answers; its questions are fixed from now on.
         * @description For those who run the organisation's surveys (HR clients with `surveys:write`); anyone else
         *     gets 404. Who may answer, their departments and the privacy thresholds are fixed now too, and
         *     subscribed webhooks receive `survey.opened`. A survey that is not a draft answers 409.
         */
        post: operations["surveysOpen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/surveys/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Closes an open survey for good.
         * @description For those who run the organisation's surveys (HR clients with `surveys:write`); anyone else
         *     gets 404. No more answers are taken and participation is fixed; results show their figures from
         *     now on, if enough members answered. Subscribed webhooks receive `survey.closed`. A survey that
         *     is not open answers 409.
         */
        post: operations["surveysClose"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/surveys/{id}/responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answers an open survey of the caller's organisation, once and anonymously.
         * @description For members who were in its audience when it opened (403 for those who joined later). Only that
         *     the caller answered is recorded against them; the answers are stored with nothing that leads
         *     back to them, and nothing that identifies them is answered. A second answer, or a survey no
         *     longer open, answers 409.
         */
        post: operations["surveysRespond"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/surveys/{id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How the organisation answered a survey, in aggregate.
         * @description For those who run the organisation's surveys, and HR clients with `surveys:read`. Figures show
         *     only once the survey is closed and at least minGroupSize members (the threshold fixed when it
         *     opened) answered; per question and per department, with departments too small to show merged or
         *     suppressed so none can be derived from the rest. Free-text answers are listed, shuffled, only
         *     for questions answered at least commentsMinGroupSize times.
         */
        get: operations["surveysResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/scim/v2/Users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Members, filtered by `userName eq "..."` or `externalId eq "..."`.
         * @description For HR clients with `employees:read` or `employees:write`. A ListResponse paged with
         *     `startIndex` (from 1) and `count` (default 100, at most 200); ended memberships are listed with
         *     `active: false`.
         */
        get: operations["scimUsersList"];
        put?: never;
        /**
         * Provisions a person as a member of the organisation.
         * @description For HR clients with `employees:write`; the organisation is the client's. The userName must be
         *     an email of a domain the organisation has verified (403 otherwise); an account is made if none
         *     exists, an ended membership starts again, and a current member answers 409 (uniqueness). A
         *     person's token answers 403.
         */
        post: operations["scimUsersCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/scim/v2/Users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One User.
         * @description For HR clients with `employees:read` or `employees:write`. The id is the member's id, as in
         *     `/v1/orgs/{orgId}/employees`; one that is not a member of the client's organisation answers
         *     404.
         */
        get: operations["scimUsersGet"];
        /**
         * Replaces the User; userName (the sign-in email) cannot change.
         * @description For HR clients with `employees:write`; the organisation is the client's. externalId, title and
         *     department left out are cleared; `active: false` ends the membership and the sessions begun
         *     through the organisation's SSO. A different userName answers 400 (mutability).
         */
        put: operations["scimUsersReplace"];
        post?: never;
        /**
         * Deprovisions a User.
         * @description For HR clients with `employees:write`; the organisation is the client's. The membership and the
         *     sessions the person began through the organisation's SSO end; their account and own data stay,
         *     and the User remains, with `active: false`. Deprovisioning again changes nothing.
         */
        delete: operations["scimUsersRemove"];
        options?: never;
        head?: never;
        /**
         * Changes some attributes of a User.
         * @description For HR clients with `employees:write`; the organisation is the client's. A PatchOp (add,
         *     replace, remove): `active` false deprovisions (the membership and the sessions begun through
         *     the organisation's SSO end), true restores. Attributes this service does not keep are ignored;
         *     userName cannot change (400).
         */
        patch: operations["scimUsersPatch"];
        trace?: never;
    };
    "/scim/v2/ServiceProviderConfig": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What this SCIM service supports.
         * @description Public, and the same for everyone (RFC 7643 section 5): PATCH and filtering are supported, with
         *     at most 200 results a page; bulk, sorting, ETags and password changes are not. Every other SCIM
         *     route takes an HR client's bearer token.
         */
        get: operations["serviceProviderConfigGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{orgId}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organisation's webhooks, newest first (their secrets are never shown again).
         * @description For the organisation's admin, platform admins and HR clients with `org.wellness:read` or
         *     `surveys:read`; anyone else gets 404. Each with its URL and events. One page: the number of
         *     webhooks an organisation may have is capped, so `nextCursor` is always null.
         */
        get: operations["webhooksList"];
        put?: never;
        /**
         * Subscribes a webhook; its signing secret is in this answer only.
         * @description Subscribes a URL to the organisation's events. For the organisation's admin, platform admins and
         *     the organisation's HR clients holding `org.wellness:read` or `surveys:read`; a client may
         *     subscribe only to events its scopes could read (`org.wellness.updated` needs
         *     `org.wellness:read`, survey events need `surveys:read`). At most 10 webhooks per organisation.
         *
         *     **Events.** Aggregates only, never anything about a person.
         *     - `survey.opened`, `survey.closed`: `data` is `{ "surveyId" }`.
         *     - `org.wellness.updated`: after each recompute of the score; `data` is
         *       `{ "wellnessScore", "computedAt" }`, the score `null` while fewer members than the
         *       organisation's `minGroupSize` count towards it.
         *
         *     **Request.** `POST` with `content-type: application/json`, `user-agent: MindfulMe-Webhooks/1`,
         *     `webhook-id` (the delivery id, also `id` in the body, the same on every retry: use it to
         *     ignore a repeat), `webhook-timestamp` and `webhook-signature`, as the Standard Webhooks
         *     specification (standardwebhooks.com) defines them, plus `x-mindfulme-event`. Example body:
         *
         *     ```json
         *     {
         *       "id": "3f0c2a7e-8d1b-8c4e-9a55-0b6f2d1e7c90",
         *       "event": "survey.closed",
         *       "orgId": "8b9a6c1e-2f3d-4e5a-9b7c-1d2e3f4a5b6c",
         *       "occurredAt": "2026-11-26T10:15:00.000Z",
         *       "data": { "surveyId": "5e4d3c2b-1a09-4f8e-8d7c-6b5a4f3e2d1c" }
         *     }
         *     ```
         *
         *     **Signature** (Standard Webhooks): `webhook-signature: v1,<base64>`, where `<base64>` is
         *     HMAC-SHA256, keyed with the base64 bytes after `whsec_` in the secret returned here, of
         *     `<webhook-id>.<webhook-timestamp>.<raw body>`. The specification's libraries verify it in one
         *     call (`new Webhook(secret).verify(rawBody, headers)` in JavaScript), including the timestamp's
         *     age. Secrets made before this format have no `whsec_` prefix: give them to the library with
         *     `{ format: "raw" }`. The earlier `x-mindfulme-signature: t=<unix seconds>,v1=<hex>` (HMAC-SHA256
         *     of `<t>.<raw body>` keyed with the secret's text) is still sent while receivers move over.
         *
         *     **Delivery.** Any 2xx within 5 seconds counts as delivered. Redirects are not followed. Anything
         *     else is retried with exponential back-off (1, 2, 4, 8, 16 s), six attempts in all, then the
         *     delivery is marked failed; see `GET .../webhooks/{id}/deliveries`. Deliveries are kept 30 days.
         */
        post: operations["webhooksCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{orgId}/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Deletes the webhook and its delivery history; nothing more is sent to it.
         * @description For the organisation's admin, platform admins and HR clients with `org.wellness:read` or
         *     `surveys:read`. Deliveries still queued for it are not sent.
         */
        delete: operations["webhooksRemove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{orgId}/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The webhook's deliveries, newest first: status, attempts and the last error.
         * @description For the organisation's admin, platform admins and HR clients with `org.wellness:read` or
         *     `surveys:read`. Paged with `limit` and `cursor`; deliveries are kept 30 days. A delivery is
         *     pending until a 2xx answer (delivered) or its sixth failed attempt (failed).
         */
        get: operations["webhooksDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        RegisterDto: {
            /**
             * Format: email
             * @example ana@acme.com
             */
            email: string;
            /** @description 12 to 128 characters, no composition rules (NIST SP 800-63B). */
            password: string;
            /** @example Ana */
            displayName?: string;
        };
        UserDto: {
            /** Format: uuid */
            id: string;
            /** @description As the account keeps it: normalised (NFKC, lower case). */
            email: string;
            /** @enum {string} */
            role: "individual" | "manager" | "admin";
            displayName: string | null;
            avatarUrl: string | null;
            /** @description IANA time zone, e.g. Europe/Lisbon: days and streaks are counted in it. */
            timezone: string;
            preferences: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
        };
        AuthResponseDto: {
            /** @description JWT for `Authorization: Bearer`, valid `expiresIn` seconds. */
            accessToken: string;
            /** @description Opaque; exchange it at /v1/auth/refresh for a new pair. Each one works once. */
            refreshToken: string;
            /** @description Seconds until the access token expires. */
            expiresIn: number;
            user: components["schemas"]["UserDto"];
        };
        LoginDto: {
            /**
             * Format: email
             * @example ana@acme.com
             */
            email: string;
            /**
             * @description Any characters; length is the only rule (NIST SP 800-63B).
             * @example correct horse battery staple
             */
            password: string;
        };
        RefreshDto: {
            /** @example q0Kx3m1uXgW4cQ9bV2s7nZ8tY5rA6eD1fH3jL0pO2iU */
            refreshToken: string;
        };
        TokenPairDto: {
            /** @description JWT for `Authorization: Bearer`, valid `expiresIn` seconds. */
            accessToken: string;
            /** @description Opaque; works once. */
            refreshToken: string;
            /** @description Seconds until the access token expires. */
            expiresIn: number;
        };
        SetRoleDto: {
            /** @enum {string} */
            role: "individual" | "manager" | "admin";
        };
        UpdateMeDto: {
            /** @description Replaces the stored preferences (at most 16 KB as JSON). */
            preferences?: {
                [key: string]: unknown;
            };
            /** @description null clears it. */
            displayName?: string | null;
            /**
             * Format: uri
             * @description An https URL; null clears it.
             */
            avatarUrl?: string | null;
            /** @description IANA time zone name, e.g. America/Sao_Paulo. */
            timezone?: string;
        };
        ChangePasswordDto: {
            /** @example correct horse battery staple */
            currentPassword: string;
            newPassword: string;
        };
        SessionDto: {
            /** Format: uuid */
            id: string;
            /**
             * Format: date-time
             * @description When the session was signed in.
             */
            startedAt: string;
            /**
             * Format: date-time
             * @description When it was last refreshed.
             */
            lastUsedAt: string;
            /** Format: date-time */
            expiresAt: string;
            /** @description Whether the access token of this request belongs to it. */
            current: boolean;
        };
        SessionPageDto: {
            items: components["schemas"]["SessionDto"][];
            /** @description Pass as `cursor` for the next page; null on the last. */
            nextCursor: string | null;
        };
        SsoExchangeDto: {
            /**
             * @description An ID token issued to this service by the organisation's identity provider.
             * @example eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJpc3MiOiJodHRwczovL2xvZ2luLmFjbWUuY29tIn0.c2lnbmF0dXJl
             */
            idToken: string;
            /**
             * @description The nonce the client sent in its authentication request; the ID token must carry the same.
             *     Fresh and unguessable per sign-in (at least 16 characters).
             * @example n-0S6_WzA2Mj-5b1c9
             */
            nonce: string;
        };
        CreateIdentityProviderDto: {
            /**
             * Format: uri
             * @description The provider's issuer, exactly as in its ID tokens' `iss`; its discovery document is at
             *     `{issuer}/.well-known/openid-configuration`. https (plain http only on loopback outside
             *     production).
             * @example https://login.acme.com
             */
            issuer: string;
            /**
             * @description This service's client id at the provider: the audience of its ID tokens.
             * @example mindfulme-production
             */
            clientId: string;
            /**
             * @description Domains whose people this provider may sign in, e.g. ["acme.com"]: each one a domain the
             *     organisation has verified (`/v1/orgs/{orgId}/domains`).
             * @example [
             *       "acme.com"
             *     ]
             */
            emailDomains: string[];
            /**
             * @description For an issuer shared by many customers (Microsoft Entra multi-tenant, Google): the ID token
             *     claim naming the tenant, e.g. `tid` or `hd`. Given with `tenantId`, or not at all.
             * @example tid
             */
            tenantClaim?: string;
            /**
             * @description The value of `tenantClaim` in this organisation's tokens, e.g. its Entra tenant id.
             * @example 9188040d-6c67-4c5b-b112-36a304b66dad
             */
            tenantId?: string;
        };
        IdentityProviderDto: {
            /** Format: uuid */
            id: string;
            issuer: string;
            clientId: string;
            /** @description Lower case, each a domain the organisation verified. */
            emailDomains: string[];
            tenantClaim: string | null;
            tenantId: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        IdentityProviderPageDto: {
            items: components["schemas"]["IdentityProviderDto"][];
            /** @description Pass as `cursor` for the next page; null on the last. */
            nextCursor: string | null;
        };
        OAuthTokenDto: {
            access_token: string;
            /** @enum {string} */
            token_type: "Bearer";
            /**
             * @description The granted scopes, space-separated, each once.
             * @example employees:read surveys:read
             */
            scope: string;
            expires_in: number;
        };
        CreateApiClientDto: {
            /**
             * @description What the integration is, e.g. "Workday sync".
             * @example Workday sync
             */
            name: string;
            scopes: ("employees:read" | "employees:write" | "org.wellness:read" | "surveys:read" | "surveys:write")[];
        };
        CreatedApiClientDto: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @example mmc_3q2-7wEXAMPLEid0 */
            clientId: string;
            scopes: ("employees:read" | "employees:write" | "org.wellness:read" | "surveys:read" | "surveys:write")[];
            /** @description Shown this once; only a hash is kept. */
            clientSecret: string;
            /** Format: date-time */
            revokedAt: string | null;
            /** Format: date-time */
            lastUsedAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        ApiClientDto: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @example mmc_3q2-7wEXAMPLEid0 */
            clientId: string;
            scopes: ("employees:read" | "employees:write" | "org.wellness:read" | "surveys:read" | "surveys:write")[];
            /** Format: date-time */
            revokedAt: string | null;
            /** Format: date-time */
            lastUsedAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        ApiClientPageDto: {
            items: components["schemas"]["ApiClientDto"][];
            /** @description Pass as `cursor` for the next page; null on the last. */
            nextCursor: string | null;
        };
        CreateOrgDto: {
            /** @example Acme Ltd */
            name: string;
            /**
             * Format: uuid
             * @description The user who administers the organisation; defaults to the caller.
             */
            adminUserId?: string;
            /** @description Smallest group whose aggregates are shown (at least 3; default 5). */
            minGroupSize?: number;
        };
        OrgSettingsDto: {
            /** @enum {string} */
            scoreCadence: "daily" | "hourly";
            timezone: string;
            /** @description The organisation's departments; empty when it keeps no list. */
            departments: string[];
            /** @description Smallest group whose aggregates are shown (at least 3). */
            minGroupSize: number;
            /** @description Fewest answers to a free-text question before they are listed. */
            commentsMinGroupSize: number;
        };
        OrgDto: {
            /** Format: uuid */
            id: string;
            name: string;
            /** Format: uuid */
            adminUserId: string | null;
            /**
             * @deprecated
             * @description The same as `settings.minGroupSize`, kept for clients written before settings.
             */
            minGroupSize: number;
            settings: components["schemas"]["OrgSettingsDto"];
            /** @description 0..100, recomputed in the background; null until first computed. */
            wellnessScore: number | null;
            /** Format: date-time */
            createdAt: string;
        };
        UpdateOrgSettingsDto: {
            /**
             * @description How often its wellness score may be published: `daily` (once a day on the organisation's
             *     clock, the default) or `hourly`, never more often. A new score is published only when at
             *     least minGroupSize members' contributions moved since the last one.
             * @enum {string}
             */
            scoreCadence?: "daily" | "hourly";
            /**
             * @description The organisation's IANA time zone (default UTC): the day of the daily cadence.
             * @example Europe/Berlin
             */
            timezone?: string;
            /**
             * @description Replaces the organisation's departments. While the list is non-empty, an employee's
             *     department must be one of them; an empty list allows any.
             * @example [
             *       "Engineering",
             *       "Sales"
             *     ]
             */
            departments?: string[];
            /** @description Smallest group whose aggregates are shown: 3 to 1000. */
            minGroupSize?: number;
            /**
             * @description Fewest answers to a free-text survey question before they are listed (default 10; never
             *     below minGroupSize). A survey keeps the value in force when it opened.
             */
            commentsMinGroupSize?: number;
        };
        UpdateOrgDto: {
            /**
             * Format: uuid
             * @description Hands the organisation to another user; platform admins only.
             */
            adminUserId?: string;
            name?: string;
            /** @description Only the settings given change; the others keep their values. */
            settings?: components["schemas"]["UpdateOrgSettingsDto"];
        };
        BulkRowResultDto: {
            /** @description The row's key: its externalId, else its email normalised (cut short on a refused row). */
            key: string;
            /** @enum {string} */
            status: "created" | "updated" | "unchanged" | "deactivated" | "error";
            /** Format: uuid */
            employeeId?: string;
            /** @description Why the row was refused (status `error`). */
            error?: string;
            /** @description Position of the row in the request, from 0. */
            index: number;
        };
        BulkRefusedSummaryDto: {
            errors: number;
        };
        EmployeeDto: {
            /** Format: uuid */
            id: string;
            /** @description Random, never derived from the user id. */
            anonymizedId: string;
            email: string;
            /** @description The name the organisation knows the person by (not the person's own profile name). */
            displayName: string | null;
            /**
             * @description What the person may do in this organisation.
             * @enum {string}
             */
            orgRole: "member" | "manager";
            jobTitle: string | null;
            department: string | null;
            externalId: string | null;
            /** @description false once the membership ended; the person's account and own data stay. */
            active: boolean;
            /** Format: date-time */
            endedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        EmployeePageDto: {
            items: components["schemas"]["EmployeeDto"][];
            /** @description Pass as `cursor` for the next page; null on the last. */
            nextCursor: string | null;
        };
        AddEmployeeDto: {
            /**
             * Format: email
             * @description The person's email, in a domain the organisation has verified. An account with it joins the
             *     organisation; otherwise an account is made that has no usable password: the person signs in
             *     through the organisation's SSO. Anyone else is invited (`/invitations`) and joins by
             *     accepting.
             * @example ana@acme.com
             */
            email: string;
            /**
             * @description The HR system's id for the person, unique within the organisation.
             * @example WD-000123
             */
            externalId?: string;
            /**
             * @description The name the organisation knows the person by; kept on the membership only.
             * @example Ana Lima
             */
            displayName?: string;
            jobTitle?: string;
            /** @description One of the organisation's departments when it keeps a list. */
            department?: string;
        };
        BulkEmployeeRowDto: {
            /**
             * @description The HR system's id for the person: the row's key when given, else the email.
             * @example WD-000123
             */
            externalId?: string;
            /**
             * Format: email
             * @description Never changed by a sync: a person whose key matches with another email is an error row.
             * @example ana@acme.com
             */
            email: string;
            /** @description Left out: unchanged; null: cleared. */
            jobTitle?: string | null;
            /** @description One of the organisation's departments when it keeps a list. Left out: unchanged; null: cleared. */
            department?: string | null;
            /**
             * @description false ends the membership (and the person's sessions), true starts an ended one again;
             *     left out, the membership stays as it is (new people start active). An inactive person who
             *     is not a member is not added.
             */
            active?: boolean;
        };
        BulkUpsertEmployeesDto: {
            /** @description The roster, up to 10,000 rows; keys (externalId, else email) must not repeat. */
            employees: components["schemas"]["BulkEmployeeRowDto"][];
        };
        BulkSummaryDto: {
            created: number;
            updated: number;
            unchanged: number;
            deactivated: number;
            errors: number;
        };
        BulkUpsertResultDto: {
            results: components["schemas"]["BulkRowResultDto"][];
            summary: components["schemas"]["BulkSummaryDto"];
        };
        UpdateEmployeeDto: {
            /** @description null clears it. */
            jobTitle?: string | null;
            /** @description One of the organisation's departments when it keeps a list; null clears it. */
            department?: string | null;
            /** @description null clears it. */
            externalId?: string | null;
            /** @description The name the organisation knows the person by; null clears it. */
            displayName?: string | null;
            /**
             * @description manager: sees this organisation's aggregates and runs its surveys. Set by the organisation's
             *     admin or a platform admin, never by an API client.
             * @enum {string}
             */
            orgRole?: "member" | "manager";
        };
        ClaimDomainDto: {
            /**
             * @description An email domain of the organisation's people, e.g. acme.com (subdomains are claimed apart).
             * @example acme.com
             */
            domain: string;
        };
        OrgDomainDto: {
            /**
             * @description Lower case, no trailing dot.
             * @example acme.com
             */
            domain: string;
            /**
             * @description pending until the TXT record was found; verified after.
             * @enum {string}
             */
            status: "pending" | "verified";
            /**
             * @description The DNS name to publish the TXT record at.
             * @example _mindfulme-challenge.acme.com
             */
            txtRecordName: string;
            /**
             * @description The TXT record's value, exactly.
             * @example mindfulme-domain-verification=3q2-7wEXAMPLEtoken0aBc
             */
            txtRecordValue: string;
            /** Format: date-time */
            verifiedAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        OrgDomainPageDto: {
            items: components["schemas"]["OrgDomainDto"][];
            /** @description Pass as `cursor` for the next page; null on the last. */
            nextCursor: string | null;
        };
        InviteDto: {
            /**
             * Format: email
             * @description The person's email, in a domain the organisation has verified. An account with it joins the
             *     organisation; otherwise an account is made that has no usable password: the person signs in
             *     through the organisation's SSO. Anyone else is invited (`/invitations`) and joins by
             *     accepting.
             * @example ana@acme.com
             */
            email: string;
            /**
             * @description The HR system's id for the person, unique within the organisation.
             * @example WD-000123
             */
            externalId?: string;
            /**
             * @description The name the organisation knows the person by; kept on the membership only.
             * @example Ana Lima
             */
            displayName?: string;
            jobTitle?: string;
            /** @description One of the organisation's departments when it keeps a list. */
            department?: string;
        };
        InvitationDto: {
            /** Format: uuid */
            id: string;
            email: string;
            jobTitle: string | null;
            department: string | null;
            externalId: string | null;
            displayName: string | null;
            /** @enum {string} */
            status: "pending" | "accepted" | "declined" | "withdrawn" | "expired";
            /**
             * Format: date-time
             * @description After this, it can no longer be accepted.
             */
            expiresAt: string;
            /** Format: date-time */
            respondedAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        InvitationPageDto: {
            items: components["schemas"]["InvitationDto"][];
            /** @description Pass as `cursor` for the next page; null on the last. */
            nextCursor: string | null;
        };
        ReceivedInvitationDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            orgId: string;
            orgName: string;
            jobTitle: string | null;
            department: string | null;
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            createdAt: string;
        };
        ReceivedInvitationPageDto: {
            items: components["schemas"]["ReceivedInvitationDto"][];
            /** @description Pass as `cursor` for the next page; null on the last. */
            nextCursor: string | null;
        };
        AcceptedInvitationDto: {
            /** Format: uuid */
            orgId: string;
            orgName: string;
            /** Format: uuid */
            employeeId: string;
        };
        CreateMoodDto: {
            /** @example 7 */
            moodScore: number;
            /**
             * @description Private; stored encrypted.
             * @example Slept well, long walk at lunch.
             */
            notes?: string;
        };
        MoodEntryDto: {
            /** Format: uuid */
            id: string;
            notes: string | null;
            moodScore: number;
            /** Format: date-time */
            createdAt: string;
        };
        MoodPageDto: {
            items: components["schemas"]["MoodEntryDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
        MoodDayDto: {
            /**
             * Format: date
             * @description Calendar day in the user's time zone (YYYY-MM-DD).
             */
            day: string;
            /** @description Mean score of the day's entries; null on a day without one. */
            average: number | null;
            entries: number;
            /** @description Mean of the daily averages over the 7 days ending here (days without entries skipped). */
            movingAverage7: number | null;
            movingAverage30: number | null;
        };
        WeekdayDto: {
            /** @description ISO weekday: 1 Monday ... 7 Sunday. */
            isoWeekday: number;
            average: number;
        };
        MoodStatsDto: {
            timezone: string;
            /** @description One per day of the span, today included. */
            daily: components["schemas"]["MoodDayDto"][];
            /** @description The weekday with the highest mean; null until there are entries. */
            bestWeekday: components["schemas"]["WeekdayDto"] | null;
            /** @description The weekday with the lowest mean; null until there are entries. */
            worstWeekday: components["schemas"]["WeekdayDto"] | null;
            days: number;
            /** @description Least-squares slope of the daily averages, in score points per week; null below 2 days. */
            trendPerWeek: number | null;
            /** @description Consecutive days with an entry ending today (or yesterday, while today has none yet). */
            currentStreak: number;
            longestStreak: number;
        };
        UpdateMoodDto: {
            moodScore?: number;
            /** @description null removes the note. */
            notes?: string | null;
        };
        CreateJournalDto: {
            /**
             * @description The entry; stored encrypted.
             * @example Presentation went better than I feared.
             */
            content: string;
            moodScore?: number;
            /**
             * @description Up to 20; stored normalised (lower case, dashes for spaces).
             * @example [
             *       "work",
             *       "sleep"
             *     ]
             */
            tags?: string[];
            /**
             * @description Private unless set to false.
             * @default true
             */
            isPrivate: boolean;
        };
        JournalDto: {
            /** Format: uuid */
            id: string;
            content: string;
            /** @description Normalised: NFKC, lower case, dashes for spaces. */
            tags: string[];
            moodScore: number | null;
            isPrivate: boolean;
            /** Format: date-time */
            createdAt: string;
        };
        JournalPageDto: {
            items: components["schemas"]["JournalDto"][];
            nextCursor: string | null;
        };
        UpdateJournalDto: {
            content?: string;
            /** @description null clears it. */
            moodScore?: number | null;
            tags?: string[];
            isPrivate?: boolean;
        };
        RecommendationDto: {
            /** @enum {string} */
            kind: "course" | "therapist";
            /** Format: uuid */
            id: string;
            /** @description The course's title or the therapist's name. */
            title: string;
        };
        CrisisResourceDto: {
            /** @example Samaritans */
            name: string;
            /**
             * @description How to reach it: a number to call or text, an address.
             * @example 116 123
             */
            contact: string;
            /** @example https://www.samaritans.org */
            url?: string;
        };
        BandDtoOut: {
            label: string;
            /** @enum {string} */
            level: "none" | "mild" | "moderate" | "severe";
        };
        AssessmentResultDto: {
            /** Format: uuid */
            id: string;
            categoryScores: {
                [key: string]: number;
            };
            recommendations: components["schemas"]["RecommendationDto"][];
            /** @description Present when the answers call for immediate support; shown to the person only. */
            crisisResources?: components["schemas"]["CrisisResourceDto"][];
            totalScore: number;
            band: components["schemas"]["BandDtoOut"];
            /** Format: date-time */
            completedAt: string;
        };
        AnswerOptionDto: {
            value: number;
            label: string;
        };
        QuestionDto: {
            id: string;
            text: string;
            options: components["schemas"]["AnswerOptionDto"][];
            category?: string;
            /** @description Score the item max + min - value. */
            reverse?: boolean;
            /** @description An answer above this value calls for crisis resources. */
            crisisAbove?: number;
        };
        BandDto: {
            /** @enum {string} */
            level: "none" | "mild" | "moderate" | "severe";
            min: number;
            max: number;
            label: string;
            crisis?: boolean;
        };
        ScoringDto: {
            multiplier?: number;
            bands: components["schemas"]["BandDto"][];
            /** @description What recommendations are matched by, e.g. "sleep". */
            topic: string;
        };
        AssessmentDefinitionDto: {
            questions: components["schemas"]["QuestionDto"][];
            scoring: components["schemas"]["ScoringDto"];
        };
        AssessmentDto: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            assessmentType: "phq9" | "gad7" | "who5" | "pss10" | "custom";
            title: string;
            /** @description Questions and scoring, in the schema described in the README. */
            definition: components["schemas"]["AssessmentDefinitionDto"];
        };
        AssessmentPageDto: {
            items: components["schemas"]["AssessmentDto"][];
            /** @description Pass as `cursor` for the next page; null on the last. */
            nextCursor: string | null;
        };
        CreateAssessmentDto: {
            title: string;
            questions: components["schemas"]["QuestionDto"][];
            scoring: components["schemas"]["ScoringDto"];
        };
        SubmitResponseDto: {
            /**
             * @description Question id -> the chosen option's value.
             * @example {
             *       "q1": 0,
             *       "q2": 1
             *     }
             */
            answers: {
                [key: string]: number;
            };
        };
        ResponseHistoryDto: {
            items: components["schemas"]["AssessmentResultDto"][];
            /** @description Latest total minus the earliest; null with fewer than two responses. */
            change: number | null;
        };
        CourseModuleDto: {
            /** @description Stable within the course; progress is recorded against it. */
            id: string;
            /** @enum {string} */
            kind: "video" | "audio" | "article" | "exercise";
            title: string;
            durationMinutes: number;
            /** Format: uri */
            contentUrl: string;
        };
        CourseDto: {
            /** Format: uuid */
            id: string;
            title: string;
            description: string;
            /** @enum {string} */
            difficulty: "beginner" | "intermediate" | "advanced";
            topic: string;
            thumbnailUrl: string | null;
            modules: components["schemas"]["CourseModuleDto"][];
            durationMinutes: number;
            /** Format: date-time */
            retiredAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        CoursePageDto: {
            items: components["schemas"]["CourseDto"][];
            nextCursor: string | null;
        };
        CreateCourseDto: {
            /** @example Sleep better in two weeks */
            title: string;
            /** @enum {string} */
            difficulty: "beginner" | "intermediate" | "advanced";
            /** @description What it helps with, e.g. sleep, stress, anxiety, depression, wellbeing. */
            topic: string;
            /** @description In the order they are taken; the course's duration is their sum. */
            modules: components["schemas"]["CourseModuleDto"][];
            description: string;
            /** Format: uri */
            thumbnailUrl?: string;
        };
        UpdateCourseDto: {
            /** @enum {string} */
            difficulty?: "beginner" | "intermediate" | "advanced";
            topic?: string;
            modules?: components["schemas"]["CourseModuleDto"][];
            title?: string;
            description?: string;
        };
        EnrollmentDto: {
            /** Format: uuid */
            courseId: string;
            title: string;
            /** @description The course's modules finished, in the order they were finished. */
            completedModules: string[];
            totalModules: number;
            /** @description 0..100. */
            percentComplete: number;
            /** Format: date-time */
            completedAt: string | null;
            /** Format: date-time */
            enrolledAt: string;
        };
        EnrollmentPageDto: {
            items: components["schemas"]["EnrollmentDto"][];
            /** @description Pass as `cursor` for the next page; null on the last. */
            nextCursor: string | null;
        };
        CreateRantDto: {
            /**
             * @description Said anonymously: nothing stored with it leads to you.
             * @example Third reorg this year and nobody asked us anything.
             */
            content: string;
        };
        CreatedRantDto: {
            /** Format: uuid */
            id: string;
            /** @description Keep it to delete the post later: it is the only link to it, and it is shown once. */
            deleteToken: string;
            /** @description Present when the words suggest you may be in crisis; shown to you only. */
            crisisResources?: components["schemas"]["CrisisResourceDto"][];
        };
        RantDto: {
            /** Format: uuid */
            id: string;
            content: string;
            /** @description -1 (very negative) .. 1 (very positive). */
            sentimentScore: number | null;
            supportCount: number;
            /**
             * Format: date-time
             * @description To the minute.
             */
            createdAt: string;
        };
        RantPageDto: {
            items: components["schemas"]["RantDto"][];
            nextCursor: string | null;
        };
        DeleteRantDto: {
            deleteToken: string;
        };
        SupportDto: {
            supportCount: number;
            /** @description false when this person had already supported the post (nothing changed). */
            added: boolean;
        };
        ReportRantDto: {
            /**
             * @description Why the post should not be in the feed.
             * @example harassment
             * @enum {string}
             */
            reason: "harassment" | "hate" | "self_harm" | "personal_information" | "spam" | "other";
        };
        ReportDto: {
            /** @description false when this person had already reported the post (nothing changed). */
            added: boolean;
        };
        ReportedRantDto: {
            /** Format: uuid */
            id: string;
            content: string;
            /**
             * @description Reports by reason.
             * @example {
             *       "harassment": 3,
             *       "spam": 1
             *     }
             */
            reasons: {
                [key: string]: number;
            };
            reportCount: number;
            /** Format: date-time */
            hiddenAt: string | null;
            /** @description -1 (very negative) .. 1 (very positive). */
            sentimentScore: number | null;
            supportCount: number;
            /**
             * Format: date-time
             * @description To the minute.
             */
            createdAt: string;
        };
        ReportedRantPageDto: {
            items: components["schemas"]["ReportedRantDto"][];
            nextCursor: string | null;
        };
        SaveBuddyProfileDto: {
            /**
             * @description What you would like to talk about: 1 to 20 tags of lowercase letters, digits and hyphens.
             *     Tags are trimmed and lowercased, and repeats dropped.
             * @example [
             *       "running",
             *       "board-games",
             *       "cooking"
             *     ]
             */
            interests: string[];
            /**
             * @description What you want a buddy's support with (up to 10, from a fixed list); absent means none.
             * @default []
             */
            goals: ("stress" | "sleep" | "exercise" | "mindfulness" | "work-life-balance" | "social-connection" | "motivation" | "anxiety")[];
            /**
             * @description Hours of the day (0-23, on your own clock) when you would like to talk; 1 to 24 of them.
             * @example [
             *       8,
             *       12,
             *       18
             *     ]
             */
            preferredHours: number[];
            /**
             * @description IANA time zone of `preferredHours`; absent means the time zone of your account.
             * @example Europe/Lisbon
             */
            timezone?: string;
        };
        BuddyProfileDto: {
            interests: string[];
            goals: ("stress" | "sleep" | "exercise" | "mindfulness" | "work-life-balance" | "social-connection" | "motivation" | "anxiety")[];
            /** @description On your own clock, in `timezone`. */
            preferredHours: number[];
            timezone: string;
            /** Format: date-time */
            updatedAt: string;
        };
        BuddySuggestionDto: {
            /** Format: uuid */
            userId: string;
            displayName: string | null;
            /** @description The interests you share with them. */
            interests: string[];
            /** @description Their goals. */
            goals: ("stress" | "sleep" | "exercise" | "mindfulness" | "work-life-balance" | "social-connection" | "motivation" | "anxiety")[];
            /** @description 0..1: 0.5 × shared interests (Jaccard) + 0.3 × overlap of hours in UTC + 0.2 × shared goals. */
            compatibilityScore: number;
        };
        BuddySuggestionPageDto: {
            /** @description Best first; at most `limit` (50 at most). */
            items: components["schemas"]["BuddySuggestionDto"][];
            /** @description Always null here (the suggestions are one page); typed as on every list. */
            nextCursor: string | null;
        };
        OtherPersonDto: {
            /**
             * Format: uuid
             * @description The other person's user id (a suggestion's `userId`).
             */
            userId: string;
        };
        BuddyMatchDto: {
            /** Format: uuid */
            id: string;
            /**
             * Format: uuid
             * @description The other person.
             */
            userId: string;
            displayName: string | null;
            /** @enum {string} */
            status: "pending" | "active" | "declined" | "ended";
            /**
             * @description outgoing: you asked them; incoming: they asked you.
             * @enum {string}
             */
            direction: "incoming" | "outgoing";
            compatibilityScore: number | null;
            /** Format: date-time */
            createdAt: string;
        };
        BuddyMatchPageDto: {
            items: components["schemas"]["BuddyMatchDto"][];
            /** @description Pass as `cursor` for the next page; null on the last. */
            nextCursor: string | null;
        };
        WeeklyWindowDto: {
            /**
             * @description Local time the window opens, HH:mm.
             * @example 09:00
             */
            start: string;
            /**
             * @description Local time the window closes, HH:mm, after `start` on the same day.
             * @example 17:00
             */
            end: string;
            /**
             * @example mon
             * @enum {string}
             */
            day: "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
        };
        TimeWindowDto: {
            /**
             * @description Local time the window opens, HH:mm.
             * @example 09:00
             */
            start: string;
            /**
             * @description Local time the window closes, HH:mm, after `start` on the same day.
             * @example 17:00
             */
            end: string;
        };
        AvailabilityExceptionDto: {
            /**
             * @description A local date in the therapist's time zone, YYYY-MM-DD.
             * @example 2027-12-24
             */
            date: string;
            /** @description The windows of that date instead of its weekday's; none makes it a day off. */
            windows: components["schemas"]["TimeWindowDto"][];
        };
        AvailabilityViewDto: {
            /** @example Europe/Berlin */
            timezone: string;
            weekly: components["schemas"]["WeeklyWindowDto"][];
            exceptions: components["schemas"]["AvailabilityExceptionDto"][];
            slotMinutes: number;
        };
        TherapistDto: {
            /** Format: uuid */
            id: string;
            name: string;
            specialization: string;
            licenseNumber: string;
            profileUrl: string | null;
            /** @description Lowercase BCP 47 tags. */
            languages: string[];
            /** @description null when no hours have been set: nothing can be booked. */
            availability: components["schemas"]["AvailabilityViewDto"] | null;
            /** @description 0 to 5, null while unrated. */
            rating: number | null;
            /** Format: date-time */
            createdAt: string;
        };
        TherapistPageDto: {
            items: components["schemas"]["TherapistDto"][];
            nextCursor: string | null;
        };
        SlotDto: {
            /**
             * Format: date-time
             * @description The start on the therapist's clock, with its offset, e.g. 2027-03-26T09:00:00.000+01:00.
             */
            localStartTime: string;
            /** Format: date-time */
            startTime: string;
            /** Format: date-time */
            endTime: string;
        };
        SlotListDto: {
            /** Format: uuid */
            therapistId: string;
            /** @description The therapist's time zone, in which the availability is laid out. */
            timezone: string | null;
            /** @description Free slots wholly inside [from, to], starting in the future, in time order. */
            slots: components["schemas"]["SlotDto"][];
            slotMinutes: number | null;
        };
        AvailabilityDto: {
            /** @example Europe/Berlin */
            timezone: string;
            /**
             * @description Length of one session; windows are cut into slots of this length from their start.
             * @default 50
             */
            slotMinutes: number;
            weekly: components["schemas"]["WeeklyWindowDto"][];
            exceptions?: components["schemas"]["AvailabilityExceptionDto"][];
        };
        CreateTherapistDto: {
            /** @example Dr. Lena Hoffmann */
            name: string;
            /** @example anxiety */
            specialization: string;
            /**
             * @description Unique among therapists.
             * @example PP-BE-104233
             */
            licenseNumber: string;
            /**
             * @description 0 to 5; absent while unrated.
             * @example 4.6
             */
            rating?: number | null;
            /**
             * @description Languages sessions are held in, lowercase BCP 47 tags.
             * @example [
             *       "de",
             *       "en"
             *     ]
             */
            languages?: string[];
            /** Format: uri */
            profileUrl?: string | null;
            availability: components["schemas"]["AvailabilityDto"];
        };
        UpdateTherapistDto: {
            /** @example Dr. Lena Hoffmann */
            name?: string;
            /** @example anxiety */
            specialization?: string;
            /** @example PP-BE-104233 */
            licenseNumber?: string;
            /** @description 0 to 5; null makes the therapist unrated. */
            rating?: number | null;
            /**
             * @example [
             *       "de",
             *       "en"
             *     ]
             */
            languages?: string[];
            availability?: components["schemas"]["AvailabilityDto"];
            /**
             * Format: uri
             * @description null removes it.
             */
            profileUrl?: string | null;
        };
        CreateAppointmentDto: {
            /**
             * Format: date-time
             * @description The start of one of the therapist's free slots (GET /v1/therapists/{id}/slots).
             * @example 2027-03-26T08:00:00Z
             */
            startTime: string;
            /**
             * Format: date-time
             * @description Optional; when given it must be the end of that slot.
             * @example 2027-03-26T08:50:00Z
             */
            endTime?: string;
            /** Format: uuid */
            therapistId: string;
            /** @description A note for yourself (what you want to talk about). Encrypted; only you ever see it. */
            notes?: string;
        };
        AppointmentDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            therapistId: string;
            therapistName: string;
            /**
             * @description pending (booked, awaiting the practice) -> confirmed | cancelled; confirmed -> completed |
             *     cancelled | no_show. A rescheduled appointment is pending again.
             * @enum {string}
             */
            status: "pending" | "confirmed" | "completed" | "cancelled" | "no_show";
            /** @description Your own note; present only in answers to the person who booked. */
            notes?: string | null;
            /** Format: date-time */
            startTime: string;
            /** Format: date-time */
            endTime: string;
            /** Format: date-time */
            createdAt: string;
        };
        AppointmentPageDto: {
            items: components["schemas"]["AppointmentDto"][];
            nextCursor: string | null;
        };
        RescheduleAppointmentDto: {
            /**
             * Format: date-time
             * @description The start of one of the therapist's free slots (GET /v1/therapists/{id}/slots).
             * @example 2027-03-26T08:00:00Z
             */
            startTime: string;
            /**
             * Format: date-time
             * @description Optional; when given it must be the end of that slot.
             * @example 2027-03-26T08:50:00Z
             */
            endTime?: string;
        };
        WellnessTrendPointDto: {
            /**
             * Format: date
             * @description Monday of the ISO week (UTC), YYYY-MM-DD.
             * @example 2026-11-16
             */
            weekStart: string;
            /**
             * @description The score of the week's last snapshot; null if it was below the privacy threshold.
             * @example 68.4
             */
            wellnessScore: number | null;
        };
        DepartmentWellnessDto: {
            /**
             * @description The department, or "Other" for the pool of departments too small to show alone.
             * @example Engineering
             */
            department: string;
            /** @example 64 */
            members: number;
            /**
             * @description At least minGroupSize.
             * @example 41
             */
            activeLast30Days: number;
            /**
             * @description Mean over the active members of each one's mean mood in the last 30 days, 0..100.
             * @example 63.2
             */
            moodMean: number;
            /**
             * @description true for "Other", the pool of several smaller departments.
             * @example false
             */
            merged: boolean;
        };
        SuppressedDepartmentDto: {
            /**
             * @description null: the members without a department.
             * @example Legal
             */
            department: string | null;
            /**
             * @description below-min-group-size: fewer than minGroupSize members logged a mood;
             *     protects-smaller-groups: withheld so that a smaller department cannot be worked out as the
             *     organisation's totals minus the departments shown; no-department: members without one.
             * @example below-min-group-size
             * @enum {string}
             */
            reason: "below-min-group-size" | "protects-smaller-groups" | "no-department";
            /**
             * @description Whether its members are counted in the "Other" row.
             * @example true
             */
            countedInOther: boolean;
        };
        DashboardParticipationDto: {
            /**
             * @description Active members (membership not ended).
             * @example 240
             */
            members: number;
            /**
             * @description Members who logged a mood in the last 30 days; null when some but fewer than minGroupSize
             *     did (it would single out the few who use the service).
             * @example 151
             */
            activeLast30Days: number | null;
            /**
             * @description activeLast30Days / members, 0..1.
             * @example 0.629
             */
            rate: number | null;
            /**
             * @description Why activeLast30Days and rate are withheld, when they are.
             * @example null
             */
            suppressedReason: string | null;
        };
        OrgDashboardDto: {
            /** Format: uuid */
            orgId: string;
            /**
             * @description 0..100, see the README's "Organisation wellness score"; null below the privacy threshold.
             * @example 67.9
             */
            wellnessScore: number | null;
            /**
             * Format: date-time
             * @description When the score was last computed; null before the first computation.
             */
            computedAt: string | null;
            /**
             * @description Groups smaller than this are never shown.
             * @example 5
             */
            minGroupSize: number;
            /** @description Up to the last 12 weeks, oldest first; weeks without a snapshot are left out. */
            trend: components["schemas"]["WellnessTrendPointDto"][];
            /** @description Departments with at least minGroupSize active members, then "Other" when it may be shown. */
            departments: components["schemas"]["DepartmentWellnessDto"][];
            /** @description Departments whose figures are not shown on their own, and why. */
            suppressedDepartments: components["schemas"]["SuppressedDepartmentDto"][];
            participation: components["schemas"]["DashboardParticipationDto"];
        };
        WellnessSnapshotDto: {
            /** Format: uuid */
            id: string;
            /** @example 67.9 */
            wellnessScore: number | null;
            /**
             * @description The mood component, 0..100; null below the privacy threshold.
             * @example 64.3
             */
            moodScore: number | null;
            /**
             * @description The survey component, 0..100; null when no recent survey had enough responses.
             * @example 73.2
             */
            surveyScore: number | null;
            /**
             * @description Active members at the time.
             * @example 240
             */
            memberCount: number;
            /**
             * @description How many of them had logged a mood in the 30 days before; null when too few to show.
             * @example 151
             */
            activeMembers: number | null;
            /** Format: date-time */
            createdAt: string;
        };
        WellnessSnapshotPageDto: {
            items: components["schemas"]["WellnessSnapshotDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
        WellnessWeightDto: {
            /**
             * @description `positive`: a higher answer means better wellbeing; `negative`: a higher answer, worse.
             * @enum {string}
             */
            direction: "positive" | "negative";
            /**
             * @description How much the question counts in the wellness score relative to the others.
             * @example 1
             */
            weight: number;
        };
        SurveyQuestionDto: {
            /**
             * @description Unique within the survey: lowercase letters and digits joined by - or _.
             * @example workload
             */
            id: string;
            /** @example My workload is manageable. */
            text: string;
            /** @enum {string} */
            type: "likert" | "scale" | "single_choice" | "free_text";
            /**
             * @description single_choice only, and required there: 2 to 20 distinct options.
             * @example [
             *       "Office",
             *       "Remote",
             *       "Hybrid"
             *     ]
             */
            options?: string[];
            /** @description free_text only: the longest answer accepted (default 2000, at most 2000). */
            maxLength?: number;
            /** @description likert and scale only: present when the answer feeds the response's wellness score. */
            wellness?: components["schemas"]["WellnessWeightDto"];
            /** @description Whether a response must answer it. */
            required: boolean;
        };
        CreateSurveyDto: {
            /** @example Autumn pulse */
            title: string;
            /** @description 1 to 50 questions, in the order they are asked. */
            questions: components["schemas"]["SurveyQuestionDto"][];
        };
        SurveyDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            orgId: string;
            title: string;
            /** @enum {string} */
            status: "draft" | "open" | "closed";
            questions: components["schemas"]["SurveyQuestionDto"][];
            /** Format: date-time */
            openedAt: string | null;
            /** Format: date-time */
            closedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        SurveyPageDto: {
            items: components["schemas"]["SurveyDto"][];
            nextCursor: string | null;
        };
        UpdateSurveyDto: {
            /** @example Autumn pulse 2027 */
            title?: string;
            /** @description Replaces all the questions. */
            questions?: components["schemas"]["SurveyQuestionDto"][];
        };
        SubmitSurveyResponseDto: {
            /**
             * @description Question id -> answer: a whole number for likert (1-5) and scale (0-10), one of the options
             *     for single_choice, text for free_text. Leave out (or send null for) an optional question to
             *     skip it.
             * @example {
             *       "workload": 4,
             *       "energy-level": 7,
             *       "work-setting": "Hybrid"
             *     }
             */
            answers: {
                [key: string]: number | string;
            };
        };
        SurveyResponseReceivedDto: {
            /** @description Always true. Nothing that identifies the response is given back. */
            received: boolean;
        };
        QuestionResultDto: {
            id: string;
            /** @enum {string} */
            type: "likert" | "scale" | "single_choice" | "free_text";
            /**
             * @description likert, scale and single_choice: answer -> how many gave it.
             * @example {
             *       "1": 2,
             *       "4": 9,
             *       "5": 3
             *     }
             */
            distribution?: {
                [key: string]: number;
            };
            /** @description Why the figures are hidden. */
            suppressed?: string;
            /** @description How many responses answered it. */
            count?: number;
            /** @description likert and scale: the mean answer (2 decimals). */
            mean?: number;
        };
        SurveyParticipationDto: {
            /** @description responded / eligible, 0..1 (3 decimals); null with no eligible member. */
            rate?: number | null;
            /** @description Why the figures are hidden. */
            suppressed?: string;
            /** @description Members of the survey's audience (as it opened) in the group. */
            eligible?: number;
            /** @description Of those, how many answered. */
            responded?: number;
        };
        DepartmentResultDto: {
            /** @description The department; null for people with none recorded; "Other" for the merged group. */
            department: string | null;
            /** @description Mean wellness score (0..100) of the group; null when too few responses have one. */
            wellnessMean: number | null;
            merged: boolean;
            responseCount: number;
            participation: components["schemas"]["SurveyParticipationDto"];
        };
        FreeTextAnswersDto: {
            questionId: string;
            /** @description In random order, with nothing about who wrote them or when. */
            answers: string[];
        };
        SurveyThresholdsDto: {
            /** @description No figure stands on fewer responses (or members). */
            minGroupSize: number;
            /** @description A free-text question's answers are listed only with at least this many. */
            commentsMinGroupSize: number;
        };
        SurveyResultsDto: {
            /** Format: uuid */
            surveyId: string;
            /** @enum {string} */
            status: "draft" | "open" | "closed";
            /** @description Why nothing but the counts is shown (survey still open, or too few responses). */
            suppressed?: string;
            /** @description Mean wellness score (0..100) of the responses that have one. */
            wellnessMean: number | null;
            questions: components["schemas"]["QuestionResultDto"][];
            departments: components["schemas"]["DepartmentResultDto"][];
            /**
             * @description Free-text answers of each question answered at least `thresholds.commentsMinGroupSize`
             *     times, shuffled; questions with fewer are left out.
             */
            freeText?: components["schemas"]["FreeTextAnswersDto"][];
            /** @description The same as `thresholds.minGroupSize`, kept for clients written before thresholds. */
            minGroupSize: number;
            /** @description The thresholds in force when the survey opened, which its results keep for ever. */
            thresholds: components["schemas"]["SurveyThresholdsDto"];
            responseCount: number;
            participation: components["schemas"]["SurveyParticipationDto"];
        };
        CreateWebhookDto: {
            /**
             * Format: uri
             * @description Where events are POSTed. https in production, to a host on the public internet; no
             *     credentials in the URL (verify the signature instead).
             * @example https://hr.example.com/mindfulme/webhooks
             */
            url: string;
            /**
             * @description The events to receive, at least one.
             * @example [
             *       "survey.closed"
             *     ]
             */
            events: ("survey.opened" | "survey.closed" | "org.wellness.updated")[];
        };
        CreatedWebhookDto: {
            /** Format: uuid */
            id: string;
            /**
             * Format: uri
             * @description As kept: normalised, the scheme and host in lower case and the rest percent-encoded.
             */
            url: string;
            events: ("survey.opened" | "survey.closed" | "org.wellness.updated")[];
            /**
             * @description The signing secret, `whsec_` and 32 random bytes in base64 (the Standard Webhooks format):
             *     shown in this answer only, kept encrypted.
             *     The HMAC key is this text as it is.
             */
            secret: string;
            /** Format: date-time */
            createdAt: string;
        };
        WebhookDto: {
            /** Format: uuid */
            id: string;
            /**
             * Format: uri
             * @description As kept: normalised, the scheme and host in lower case and the rest percent-encoded.
             */
            url: string;
            events: ("survey.opened" | "survey.closed" | "org.wellness.updated")[];
            /** Format: date-time */
            createdAt: string;
        };
        WebhookPageDto: {
            /** @description All of them: an organisation has at most 10. */
            items: components["schemas"]["WebhookDto"][];
            /** @description Always null here (the list is one page); typed as on every list. */
            nextCursor: string | null;
        };
        WebhookDeliveryDto: {
            /**
             * Format: uuid
             * @description Also the payload's `id` and the x-mindfulme-delivery header.
             */
            id: string;
            /** @enum {string} */
            event: "survey.opened" | "survey.closed" | "org.wellness.updated";
            /**
             * @description pending until a 2xx answer (delivered) or the sixth failed attempt (failed).
             * @enum {string}
             */
            status: "pending" | "delivered" | "failed";
            /** @description The last failed attempt's status code or error, up to 500 characters. */
            lastError: string | null;
            /** @description Attempts made so far, the successful one included. */
            attempts: number;
            /** Format: date-time */
            deliveredAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        WebhookDeliveryPageDto: {
            items: components["schemas"]["WebhookDeliveryDto"][];
            nextCursor: string | null;
        };
        /**
         * @description A SCIM User (RFC 7643 §4.1) with the enterprise extension’s department.
         * @example {
         *       "schemas": [
         *         "urn:ietf:params:scim:schemas:core:2.0:User",
         *         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
         *       ],
         *       "id": "0f0e8c57-2b1c-4f3c-9c55-3f1e4c3e2a10",
         *       "externalId": "WD-000123",
         *       "userName": "ana@acme.com",
         *       "displayName": "Ana Silva",
         *       "name": {
         *         "formatted": "Ana Silva"
         *       },
         *       "emails": [
         *         {
         *           "value": "ana@acme.com",
         *           "type": "work",
         *           "primary": true
         *         }
         *       ],
         *       "active": true,
         *       "title": "Engineer",
         *       "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
         *         "department": "Engineering"
         *       },
         *       "meta": {
         *         "resourceType": "User",
         *         "created": "2026-03-02T09:00:00.000Z",
         *         "lastModified": "2026-03-02T09:00:00.000Z",
         *         "location": "/scim/v2/Users/0f0e8c57-2b1c-4f3c-9c55-3f1e4c3e2a10"
         *       }
         *     }
         */
        ScimUser: {
            schemas: ("urn:ietf:params:scim:schemas:core:2.0:User" | "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")[];
            /** @description The HR system’s id for the person. */
            externalId?: string;
            /**
             * Format: email
             * @description The person’s sign-in email.
             */
            userName: string;
            displayName?: string;
            name?: {
                formatted?: string;
                givenName?: string;
                familyName?: string;
            };
            emails: {
                /** Format: email */
                value?: string;
                /** @example work */
                type?: string;
                primary?: boolean;
            }[];
            active: boolean;
            title?: string;
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"?: {
                department?: string;
            };
            /** Format: uuid */
            id: string;
            meta: {
                /** @enum {string} */
                resourceType: "User";
                /** Format: date-time */
                created: string;
                /** Format: date-time */
                lastModified: string;
                /** @example /scim/v2/Users/0f0e8c57-2b1c-4f3c-9c55-3f1e4c3e2a10 */
                location: string;
            };
        };
        /**
         * @description A SCIM User resource: `schemas` must include the core User schema and `userName` is the email; attributes not listed here are ignored.
         * @example {
         *       "schemas": [
         *         "urn:ietf:params:scim:schemas:core:2.0:User",
         *         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
         *       ],
         *       "externalId": "WD-000123",
         *       "userName": "ana@acme.com",
         *       "name": {
         *         "givenName": "Ana",
         *         "familyName": "Silva"
         *       },
         *       "active": true,
         *       "title": "Engineer",
         *       "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
         *         "department": "Engineering"
         *       }
         *     }
         */
        ScimUserRequest: {
            schemas: ("urn:ietf:params:scim:schemas:core:2.0:User" | "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")[];
            /** @description The HR system’s id for the person. */
            externalId?: string;
            /**
             * Format: email
             * @description The person’s sign-in email.
             */
            userName: string;
            displayName?: string;
            name?: {
                formatted?: string;
                givenName?: string;
                familyName?: string;
            };
            emails?: {
                /** Format: email */
                value?: string;
                /** @example work */
                type?: string;
                primary?: boolean;
            }[];
            active?: boolean;
            title?: string;
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"?: {
                department?: string;
            };
        } & {
            [key: string]: unknown;
        };
        /** @description A page of Users (RFC 7644 §3.4.2), counted from startIndex 1. */
        ScimListResponse: {
            schemas: "urn:ietf:params:scim:api:messages:2.0:ListResponse"[];
            /** Format: int32 */
            totalResults: number;
            /** Format: int32 */
            startIndex: number;
            /** Format: int32 */
            itemsPerPage: number;
            Resources: components["schemas"]["ScimUser"][];
        };
        /**
         * @description A SCIM PatchOp (RFC 7644 §3.5.2) on active, displayName, name, externalId, title and department.
         * @example {
         *       "schemas": [
         *         "urn:ietf:params:scim:api:messages:2.0:PatchOp"
         *       ],
         *       "Operations": [
         *         {
         *           "op": "replace",
         *           "path": "active",
         *           "value": false
         *         }
         *       ]
         *     }
         */
        ScimPatchOp: {
            schemas: "urn:ietf:params:scim:api:messages:2.0:PatchOp"[];
            Operations: {
                /** @enum {string} */
                op: "add" | "replace" | "remove" | "Add" | "Replace" | "Remove";
                /** @example active */
                path?: string;
                /** @description The new value, or an object of attributes when there is no path. */
                value?: unknown;
            }[];
        };
        /**
         * @description A SCIM error (RFC 7644 §3.12): every failure of a SCIM route.
         * @example {
         *       "schemas": [
         *         "urn:ietf:params:scim:api:messages:2.0:Error"
         *       ],
         *       "status": "404",
         *       "detail": "No such member of the organisation."
         *     }
         */
        ScimError: {
            schemas: "urn:ietf:params:scim:api:messages:2.0:Error"[];
            /** @example 404 */
            status: string;
            /** @enum {string} */
            scimType?: "invalidFilter" | "invalidSyntax" | "invalidValue" | "invalidPath" | "noTarget" | "mutability" | "uniqueness";
            detail: string;
        };
        /** @description What this SCIM service supports (RFC 7643 §5). */
        ScimServiceProviderConfig: {
            schemas: "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"[];
            patch: {
                supported: boolean;
            };
            bulk: {
                supported: boolean;
                /** Format: int32 */
                maxOperations?: number;
                /** Format: int32 */
                maxPayloadSize?: number;
            };
            filter: {
                supported: boolean;
                /** Format: int32 */
                maxResults?: number;
            };
            changePassword: {
                supported: boolean;
            };
            sort: {
                supported: boolean;
            };
            etag: {
                supported: boolean;
            };
            authenticationSchemes?: {
                type?: string;
                name?: string;
                description?: string;
                primary?: boolean;
            }[];
            meta?: {
                /** @enum {string} */
                resourceType?: "ServiceProviderConfig";
                location?: string;
            };
        };
        Problem: {
            /**
             * Format: uri
             * @description A stable URI per kind of failure; branch on it, not on the title.
             * @example https://mindfulme.app/problems/bad-request
             */
            type: string;
            /** @example Bad Request */
            title: string;
            /**
             * Format: int32
             * @example 400
             */
            status: number;
            /** @example The request has fields that are missing, unknown or malformed. */
            detail?: string;
            instance?: string;
            /** @description For validation failures: each field and why it was refused. */
            errors?: {
                /** @example moodScore */
                field: string;
                /** @example moodScore must not be greater than 10 */
                reason: string;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    authRegister: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthResponseDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This email cannot be registered; sign in instead. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many attempts from this address or for this account in the last minute; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    authLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthResponseDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong email or password (the same answer for both). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many attempts from this address or for this account in the last minute; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    authRefresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPairDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The refresh token is unknown, expired, revoked or already used. */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many attempts from this address or for this account in the last minute; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    authLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many attempts; see Retry-After. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminUsersSetRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetRoleDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Requires the role admin. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    meGet: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    meErase: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    meUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    meChangePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthResponseDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many attempts from this address or for this account in the last minute; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    meExport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    meSessions: {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionPageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    meEndSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ssoExchange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SsoExchangeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthResponseDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown issuer or tenant, an email domain the organisation has not verified, a missing or wrong nonce, a token used before, or an invalid token. */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The email is a platform admin account. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many attempts for this identity (or very many from this address) in the last minute; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    orgIdentityProvidersList: {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentityProviderPageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    orgIdentityProvidersRegister: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateIdentityProviderDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentityProviderDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The issuer (and tenant) is already registered. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The issuer cannot be discovered, or a domain is not verified by the organisation. */
            422: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    orgIdentityProvidersRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    oAuthTokenToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    /** @enum {string} */
                    grant_type: "client_credentials";
                    /** @example employees:read surveys:read */
                    scope?: string;
                    /** @description When not using HTTP Basic. */
                    client_id?: string;
                    /** @description When not using HTTP Basic. */
                    client_secret?: string;
                };
                "application/json": {
                    /** @enum {string} */
                    grant_type: "client_credentials";
                    /** @example employees:read surveys:read */
                    scope?: string;
                    /** @description When not using HTTP Basic. */
                    client_id?: string;
                    /** @description When not using HTTP Basic. */
                    client_secret?: string;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthTokenDto"];
                };
            };
            /** @description RFC 6749 section 5.2: `{ error, error_description }` (invalid_scope, unsupported_grant_type). */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        error: "invalid_request" | "invalid_client" | "invalid_scope" | "unsupported_grant_type";
                        error_description?: string;
                    };
                };
            };
            /** @description RFC 6749 section 5.2: `{ error: "invalid_client" }`. */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        error: "invalid_request" | "invalid_client" | "invalid_scope" | "unsupported_grant_type";
                        error_description?: string;
                    };
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many attempts for this identity (or very many from this address) in the last minute; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    orgApiClientsList: {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiClientPageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    orgApiClientsCreate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiClientDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiClientDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    orgApiClientsRevoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    orgsCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrgDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Requires the role admin. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    orgsGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    orgsUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateOrgDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A setting is out of range, or adminUserId names no account that may lead it. */
            422: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    employeesList: {
        parameters: {
            query?: {
                limit?: number;
                /** @description true: current members only; false: ended memberships only; left out: both. */
                active?: "true" | "false";
                /** @description From the `Link: <...>; rel="next"` header of the previous page. */
                cursor?: string;
                /** @description Only members of this department. */
                department?: string;
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmployeePageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    employeesUpsert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkUpsertEmployeesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkUpsertResultDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description More than 10,000 rows. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rows refused (results[] with status error); nothing was applied. */
            422: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /**
                         * Format: uri
                         * @description A stable URI per kind of failure; branch on it, not on the title.
                         * @example https://mindfulme.app/problems/bad-request
                         */
                        type: string;
                        /** @example Bad Request */
                        title: string;
                        /**
                         * Format: int32
                         * @example 400
                         */
                        status: number;
                        /** @example The request has fields that are missing, unknown or malformed. */
                        detail?: string;
                        instance?: string;
                        /** @description For validation failures: each field and why it was refused. */
                        errors?: {
                            /** @example moodScore */
                            field: string;
                            /** @example moodScore must not be greater than 10 */
                            reason: string;
                        }[];
                        results?: components["schemas"]["BulkRowResultDto"][];
                        summary?: components["schemas"]["BulkRefusedSummaryDto"];
                    };
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    employeesAdd: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddEmployeeDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmployeeDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The person is already a member of the organisation. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The department is not one of the organisation’s. */
            422: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    employeesGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                employeeId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmployeeDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    employeesRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                employeeId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    employeesUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                employeeId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateEmployeeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmployeeDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The externalId is another member’s, or a concurrent change won; send it again. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The department is not one of the organisation’s. */
            422: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    orgDomainsList: {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgDomainPageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    orgDomainsClaim: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClaimDomainDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgDomainDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    orgDomainsVerify: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                /** @description A domain the organisation claimed. */
                domain: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgDomainDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Another organisation has verified this domain. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The TXT record is not published (yet). */
            422: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    orgDomainsRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                /** @description A domain the organisation claimed. */
                domain: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    orgInvitationsList: {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationPageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    orgInvitationsInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InviteDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Already a member, or already invited. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    orgInvitationsWithdraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    myInvitationsList: {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReceivedInvitationPageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    myInvitationsAccept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedInvitationDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    myInvitationsDecline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    moodList: {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Only entries at or after this instant (ISO 8601). */
                from?: string;
                /** @description Only entries before this instant (ISO 8601). */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MoodPageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    moodCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateMoodDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MoodEntryDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    moodStats: {
        parameters: {
            query?: {
                /** @description How many calendar days, ending today in the user's time zone. */
                days?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MoodStatsDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    moodRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such entry of the caller (others’ entries included). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    moodUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMoodDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MoodEntryDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such entry of the caller (others’ entries included). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    journalsList: {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Only entries at or after this instant (ISO 8601). */
                from?: string;
                /** @description Only entries before this instant (ISO 8601). */
                to?: string;
                /** @description Only entries with this tag (normalised like stored tags). */
                tag?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JournalPageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such entry of the caller (others’ entries included). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    journalsCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateJournalDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JournalDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such entry of the caller (others’ entries included). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    journalsGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JournalDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such entry of the caller (others’ entries included). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    journalsRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such entry of the caller (others’ entries included). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    journalsUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateJournalDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JournalDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such entry of the caller (others’ entries included). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    assessmentsResponse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                responseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssessmentResultDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    assessmentsList: {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssessmentPageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    assessmentsCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAssessmentDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssessmentDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    assessmentsGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssessmentDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such assessment visible to the caller. */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    assessmentsHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResponseHistoryDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    assessmentsRespond: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubmitResponseDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssessmentResultDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    coursesList: {
        parameters: {
            query?: {
                limit?: number;
                difficulty?: "beginner" | "intermediate" | "advanced";
                /** @description Only courses at most this long, in minutes. */
                maxDuration?: number;
                topic?: string;
                /** @description Words to find in the title or description. */
                q?: string;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Only entries at or after this instant (ISO 8601). */
                from?: string;
                /** @description Only entries before this instant (ISO 8601). */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CoursePageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    coursesCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCourseDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CourseDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Requires the role admin. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    coursesGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CourseDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    coursesRetire: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Requires the role admin. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    coursesUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateCourseDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CourseDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Requires the role admin. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    coursesEnroll: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrollmentDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    coursesComplete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                moduleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrollmentDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    myCoursesMine: {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrollmentPageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rantsFeed: {
        parameters: {
            query?: {
                limit?: number;
                sort?: "newest" | "supported";
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Only entries at or after this instant (ISO 8601). */
                from?: string;
                /** @description Only entries before this instant (ISO 8601). */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RantPageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rantsPost: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRantDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedRantDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many posts this hour; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rantsRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeleteRantDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rantsSupport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupportDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rantsReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReportRantDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminRantsReported: {
        parameters: {
            query?: {
                limit?: number;
                /** @description `open`: reported posts still in the feed; `hidden`: posts already hidden. */
                status?: "open" | "hidden";
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Only entries at or after this instant (ISO 8601). */
                from?: string;
                /** @description Only entries before this instant (ISO 8601). */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportedRantPageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Requires the role admin. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminRantsHide: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Requires the role admin. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminRantsRestore: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Requires the role admin. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    buddiesGetProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BuddyProfileDto"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description You have not opted in to buddy matching. */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    buddiesSaveProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SaveBuddyProfileDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BuddyProfileDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    buddiesOptOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description You have not opted in to buddy matching. */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    buddiesSuggestions: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BuddySuggestionPageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Opt in first (PUT /v1/buddies/profile). */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    buddiesRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OtherPersonDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BuddyMatchDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No one with this id is open to buddy requests. */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description You have not opted in, or you two already have a pending or active match. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description You cannot be your own buddy. */
            422: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    buddiesMatchesOf: {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BuddyMatchPageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    buddiesAccept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BuddyMatchDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only the person who was asked can answer a request. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such match of yours. */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The match is not in a state this step applies to. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    buddiesDecline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BuddyMatchDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only the person who was asked can answer a request. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such match of yours. */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The match is not in a state this step applies to. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    buddiesEnd: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BuddyMatchDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such match of yours. */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The match is not in a state this step applies to. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    buddiesBlock: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OtherPersonDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such person. */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description You cannot block yourself. */
            422: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    therapistsList: {
        parameters: {
            query?: {
                limit?: number;
                specialization?: string;
                /** @description Only therapists rated at least this (unrated ones are left out). */
                minRating?: number;
                /** @description Only therapists holding sessions in this language (a lowercase BCP 47 tag, exact match). */
                language?: string;
                /**
                 * @description With `freeTo`: only therapists with at least one free slot wholly inside [freeFrom, freeTo],
                 *     at most 31 days long.
                 */
                freeFrom?: string;
                freeTo?: string;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TherapistPageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    therapistsCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTherapistDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TherapistDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Requires the role admin. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Another therapist has this license number. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    therapistsGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TherapistDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    therapistsUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTherapistDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TherapistDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Requires the role admin. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Another therapist has this license number. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    therapistsSlots: {
        parameters: {
            query: {
                from: string;
                /** @description After `from`, at most 31 days later. */
                to: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlotListDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    appointmentsList: {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description `upcoming`: not yet ended, soonest first; `past`: ended, latest first. */
                when?: "upcoming" | "past";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppointmentPageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    appointmentsBook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAppointmentDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppointmentDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such therapist. */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The slot is already booked. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not one of the therapist’s future slots. */
            422: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    appointmentsGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppointmentDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such appointment of the caller (others’ appointments included). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    appointmentsCancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppointmentDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such appointment of the caller (others’ appointments included). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The status does not allow this change; the detail names from and to. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    appointmentsReschedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RescheduleAppointmentDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppointmentDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such appointment of the caller (others’ appointments included). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The slot is taken, or the appointment is not open. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not one of the therapist’s future slots. */
            422: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    appointmentsConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppointmentDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Requires the role admin. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The status does not allow this change; the detail names from and to. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    appointmentsComplete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppointmentDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Requires the role admin. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The status does not allow this change; the detail names from and to. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    appointmentsNoShow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppointmentDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Requires the role admin. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The status does not allow this change; the detail names from and to. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    orgWellnessDashboard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "orgId": "3f1c2a64-5b7e-4d7a-9a43-1f0f3c2b9d11",
                     *       "wellnessScore": 67.9,
                     *       "computedAt": "2026-11-25T06:00:12.000Z",
                     *       "minGroupSize": 5,
                     *       "trend": [
                     *         {
                     *           "weekStart": "2026-11-09",
                     *           "wellnessScore": 65.1
                     *         },
                     *         {
                     *           "weekStart": "2026-11-16",
                     *           "wellnessScore": 66.8
                     *         },
                     *         {
                     *           "weekStart": "2026-11-23",
                     *           "wellnessScore": 67.9
                     *         }
                     *       ],
                     *       "participation": {
                     *         "members": 240,
                     *         "activeLast30Days": 151,
                     *         "rate": 0.629,
                     *         "suppressedReason": null
                     *       },
                     *       "departments": [
                     *         {
                     *           "department": "Engineering",
                     *           "members": 64,
                     *           "activeLast30Days": 41,
                     *           "moodMean": 63.2,
                     *           "merged": false
                     *         },
                     *         {
                     *           "department": "Sales",
                     *           "members": 38,
                     *           "activeLast30Days": 22,
                     *           "moodMean": 70.4,
                     *           "merged": false
                     *         },
                     *         {
                     *           "department": "Other",
                     *           "members": 12,
                     *           "activeLast30Days": 7,
                     *           "moodMean": 58.9,
                     *           "merged": true
                     *         }
                     *       ],
                     *       "suppressedDepartments": [
                     *         {
                     *           "department": "Legal",
                     *           "reason": "below-min-group-size",
                     *           "countedInOther": true
                     *         },
                     *         {
                     *           "department": "Facilities",
                     *           "reason": "below-min-group-size",
                     *           "countedInOther": true
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["OrgDashboardDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    orgWellnessSnapshots: {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WellnessSnapshotPageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    orgSurveysList: {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Only surveys in this state. */
                status?: "draft" | "open" | "closed";
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyPageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    orgSurveysCreate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSurveyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    surveysListOpen: {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyPageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    surveysGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    surveysUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSurveyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only a draft survey can be edited. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    surveysOpen: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only a draft survey can be opened. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    surveysClose: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only an open survey can be closed. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    surveysRespond: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubmitSurveyResponseDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyResponseReceivedDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description You were not a member of the organisation when the survey opened. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The survey is not open, or you have already answered it. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    surveysResults: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "surveyId": "6f1c2a34-8f0e-4d8a-9d55-0c2f1f8e4a11",
                     *       "status": "closed",
                     *       "minGroupSize": 5,
                     *       "thresholds": {
                     *         "minGroupSize": 5,
                     *         "commentsMinGroupSize": 10
                     *       },
                     *       "responseCount": 42,
                     *       "wellnessMean": 61.4,
                     *       "participation": {
                     *         "eligible": 60,
                     *         "responded": 42,
                     *         "rate": 0.7
                     *       },
                     *       "questions": [
                     *         {
                     *           "id": "rested",
                     *           "type": "likert",
                     *           "count": 42,
                     *           "mean": 3.4,
                     *           "distribution": {
                     *             "1": 3,
                     *             "2": 6,
                     *             "3": 10,
                     *             "4": 15,
                     *             "5": 8
                     *           }
                     *         }
                     *       ],
                     *       "departments": [
                     *         {
                     *           "department": "Engineering",
                     *           "merged": false,
                     *           "responseCount": 18,
                     *           "wellnessMean": 58.2,
                     *           "participation": {
                     *             "eligible": 24,
                     *             "responded": 18,
                     *             "rate": 0.75
                     *           }
                     *         },
                     *         {
                     *           "department": "Sales",
                     *           "merged": false,
                     *           "responseCount": 14,
                     *           "wellnessMean": 66,
                     *           "participation": {
                     *             "eligible": 20,
                     *             "responded": 14,
                     *             "rate": 0.7
                     *           }
                     *         },
                     *         {
                     *           "department": "Other",
                     *           "merged": true,
                     *           "responseCount": 10,
                     *           "wellnessMean": 60.1,
                     *           "participation": {
                     *             "eligible": 16,
                     *             "responded": 10,
                     *             "rate": 0.625
                     *           }
                     *         }
                     *       ],
                     *       "freeText": [
                     *         {
                     *           "questionId": "ideas",
                     *           "answers": [
                     *             "Quieter mornings",
                     *             "Fewer meetings on Fridays"
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["SurveyResultsDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    scimUsersList: {
        parameters: {
            query?: {
                count?: number;
                startIndex?: number;
                /** @description userName eq "..." or externalId eq "..." (RFC 7644 3.4.2.2, these two only). */
                filter?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A SCIM ListResponse of Users. */
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimListResponse"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
        };
    };
    scimUsersCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/scim+json": components["schemas"]["ScimUserRequest"];
                "application/json": components["schemas"]["ScimUserRequest"];
            };
        };
        responses: {
            /** @description The User as it now stands. */
            201: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimUser"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description The person is already a member (scimType uniqueness). */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
        };
    };
    scimUsersGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The User as it now stands. */
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimUser"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
        };
    };
    scimUsersReplace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/scim+json": components["schemas"]["ScimUserRequest"];
                "application/json": components["schemas"]["ScimUserRequest"];
            };
        };
        responses: {
            /** @description The User as it now stands. */
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimUser"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
        };
    };
    scimUsersRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
        };
    };
    scimUsersPatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/scim+json": components["schemas"]["ScimPatchOp"];
                "application/json": components["schemas"]["ScimPatchOp"];
            };
        };
        responses: {
            /** @description The User as it now stands. */
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimUser"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
        };
    };
    serviceProviderConfigGet: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service provider configuration. */
            200: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimServiceProviderConfig"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
        };
    };
    webhooksList: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookPageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    webhooksCreate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhookDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The organisation has as many webhooks as it may; delete one first. */
            409: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than this route accepts. */
            413: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this route reads. */
            415: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    webhooksRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    webhooksDeliveries: {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                orgId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description rel="next": the next page, as `nextCursor` names it; absent on the last. */
                    Link?: string;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPageDto"];
                };
            };
            /** @description A parameter or the body is missing, unknown or malformed; `errors` lists each field. */
            400: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid access token: missing, malformed, expired or revoked (see WWW-Authenticate). */
            401: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    /** @description RFC 6750: `Bearer` with `error="invalid_token"` when a token was sent. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token is valid but may not do this: a role, an organisation or a scope is missing. */
            403: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or none the caller may see (the two are not told apart). */
            404: {
                headers: {
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; try again after Retry-After seconds. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    /** @description The limits that counted this request (IETF RateLimit header fields): quota q per w seconds. */
                    "RateLimit-Policy"?: string;
                    /** @description Where the caller stands in the limit closest to running out: r left, t seconds to reset. */
                    RateLimit?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service failed; nothing of its internals is shown. Safe to retry reads. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency (the database) does not answer; try again shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}

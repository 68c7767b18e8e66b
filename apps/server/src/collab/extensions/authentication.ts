import { DenyReason } from '@confer/model'
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server'
import type { Config } from '../../config.ts'
import { originAllowed } from '../../http/origin.ts'
import { readCookie, SESSION_COOKIE } from '../../http/session-cookie.ts'
import type { AuthService } from '../../services/auth-service.ts'
import type { DocumentAccessService } from '../../services/document-access.ts'
import { hashSecret } from '../../services/secrets.ts'
import type { CollabContext } from '../context.ts'

/**
 * Who is connecting and what they may do with this document: a bearer token (sent by the
 * provider) or the browser's session cookie, an exact Origin for browsers, then the DESIGN §3
 * access table. Unknown and forbidden documents get the same refusal. The credential's expiry
 * goes into the context, for CredentialExpiry to close the socket then.
 */
export class Authentication implements Extension {
  readonly extensionName = 'confer-authentication'
  readonly priority = 950

  readonly #config: Config
  readonly #auth: AuthService
  readonly #access: DocumentAccessService

  constructor(config: Config, auth: AuthService, access: DocumentAccessService) {
    this.#config = config
    this.#auth = auth
    this.#access = access
  }

  async onAuthenticate(payload: onAuthenticatePayload<CollabContext>): Promise<Partial<CollabContext>> {
    const { requestHeaders, documentName, connectionConfig, context } = payload
    const origin = requestHeaders.get('origin') ?? undefined
    const host = requestHeaders.get('host') ?? undefined
    if (!originAllowed(this.#config, { origin, host }, context.secure))
      throw { reason: DenyReason.forbiddenOrigin }

    const token = payload.token
    const secret = token ? token : readCookie(requestHeaders.get('cookie'), SESSION_COOKIE)
    const credential = secret ? await this.#auth.credential(secret, token ? 'bearer' : 'session') : null
    if (!credential || !secret) throw { reason: DenyReason.unauthenticated }
    const { user } = credential

    const access = await this.#access.resolve(user.id, documentName)
    if (!access) throw { reason: DenyReason.unknownDocument }

    connectionConfig.readOnly = access.readOnly
    return {
      userId: user.id,
      userName: user.name,
      credentialHash: hashSecret(secret),
      credentialExpiresAt: credential.expiresAt,
      communityId: access.communityId,
      meetingId: access.meetingId,
      role: access.role,
      guest: access.guest,
      readOnly: access.readOnly,
    }
  }
}

import { ApiError } from '../../api';
import type { ActionInputs, Mode } from './ActionBar';
import type { AppealDraft, Channel } from './types';

/** The appeal as POST /tickets (and POST /knowledge/answers' `appeal`) take it; empty text is null. */
export function appealBody(draft: AppealDraft, channel: Channel, contactId: number | null) {
  return {
    channel,
    appealType: draft.appealType,
    urgency: draft.urgency,
    // As typed: the server decides what a missing description is and says so next to the field.
    description: draft.description,
    title: draft.title.trim() || null,
    categoryId: draft.categoryId,
    districtId: draft.districtId,
    streetId: draft.streetId,
    address: draft.address.trim() || null,
    citizenName: draft.citizenName.trim() || null,
    citizenPhone: draft.citizenPhone.trim() || null,
    confidential: draft.confidential,
    contactId,
  };
}

/** The body of POST /tickets for the operator's decision: dispatch, answer on the spot, or refer. */
export function ticketBody(
  appeal: ReturnType<typeof appealBody>,
  mode: Mode,
  inputs: ActionInputs,
) {
  switch (mode) {
    case 'answer':
      return { ...appeal, disposition: 'direct_answer', answer: inputs.answer };
    case 'refer':
      return {
        ...appeal,
        disposition: 'referral',
        referralTarget: inputs.referralTarget,
        referralReason: inputs.referralReason,
      };
    case 'dispatch':
      return { ...appeal, disposition: 'dispatch' };
  }
}

/** POST /knowledge/answers names the appeal's fields inside `appeal`: show them on the form. */
export function unwrapAppealField(error: unknown): unknown {
  if (error instanceof ApiError && error.field?.startsWith('appeal.'))
    return new ApiError(
      error.status,
      error.code,
      error.message,
      error.field.slice('appeal.'.length),
    );
  return error;
}

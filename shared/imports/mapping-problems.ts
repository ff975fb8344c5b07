import { CONTACT_LIMITS } from '../contacts/contact';
import {
  type ColumnTarget,
  type ImportMapping,
  MANY_COLUMN_FIELDS,
  takesManyColumns,
  targetName,
} from './import-mapping';

/** Why a mapping cannot work, one message per problem; empty when it can. */
export function mappingProblems(
  mapping: ImportMapping,
  headers: readonly string[],
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (mapping.columns.length !== headers.length)
    problems.push({
      path: 'columns',
      message: `expected one target per column (${headers.length}), got ${mapping.columns.length}`,
    });
  // An attribute may be named like a field (a custom "phone" beside the phone field): they are different slots.
  const seen = new Map<string, number>();
  mapping.columns.forEach((target, index) => {
    if (
      target.kind === 'field' &&
      target.polarity &&
      target.field !== 'consent_email' &&
      target.field !== 'consent_sms'
    )
      problems.push({
        path: `columns.${index}.polarity`,
        message: `only a consent column has a polarity; "${headers[index]}" maps to ${target.field}`,
      });
  });
  mapping.columns.forEach((target, index) => {
    if (target.kind !== 'field' || target.typedBy === undefined) return;
    const typeHeader = headers[target.typedBy];
    if (target.field !== 'phone' && target.field !== 'landline')
      problems.push({
        path: `columns.${index}.typedBy`,
        message: `only a phone or landline column is typed by another; "${headers[index]}" maps to ${target.field}`,
      });
    else if (typeHeader === undefined || target.typedBy === index)
      problems.push({
        path: `columns.${index}.typedBy`,
        message: `"${headers[index]}" is typed by column ${target.typedBy}, which is not another column of the file`,
      });
  });
  mapping.columns.forEach((target, index) => {
    const name = targetName(target);
    if (name === undefined || MANY_COLUMN_FIELDS.has(name) || takesManyColumns(target)) return;
    const slot = target.kind === 'attribute' ? `the attribute ${name}` : name;
    const earlier = seen.get(slot);
    if (earlier !== undefined)
      problems.push({
        path: `columns.${index}`,
        message: `"${headers[index]}" and "${headers[earlier]}" both map to ${slot}; it takes one column`,
      });
    else seen.set(slot, index);
  });
  const attributeColumns = mapping.columns.filter((target) => target.kind === 'attribute').length;
  if (attributeColumns > CONTACT_LIMITS.attributes)
    problems.push({
      path: 'columns',
      message: `${attributeColumns} columns map to custom attributes; a contact holds at most ${CONTACT_LIMITS.attributes}`,
    });
  const reaches = (target: ColumnTarget) =>
    target.kind === 'field' && (target.field === 'email' || target.field === 'phone' || target.field === 'landline');
  if (!mapping.columns.some(reaches))
    problems.push({
      path: 'columns',
      message: 'no column is mapped to email, phone or landline, so no contact could be reached',
    });
  return problems;
}

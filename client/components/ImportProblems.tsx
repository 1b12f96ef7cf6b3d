// What an import found wrong, one line a problem (第3行：… or 教师表第3行：…), the same on every
// import page; nothing when there is none.
import { Text, View } from '@tarojs/components';
import { importProblemText, type ImportProblem } from '@shared/importProblems';

export function ImportProblems({
  id,
  problems,
  inCard = false,
}: {
  id: string;
  problems: readonly ImportProblem[];
  /** Already inside a card (the staff workbook's): no card of its own. */
  inCard?: boolean;
}) {
  if (problems.length === 0) return null;
  return (
    <View className={inCard ? undefined : 'card'} id={id}>
      {problems.map((p, i) => (
        <Text key={i} className="field-error line">
          {importProblemText(p)}
        </Text>
      ))}
    </View>
  );
}

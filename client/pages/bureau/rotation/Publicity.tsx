// The published plan: its 公示 dates, teachers' objections (each answered once; an upheld one takes
// the teacher off the plan), acknowledgements and 报到, and the final notice after the 公示.
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { RotationRecordView } from '@shared/api';
import type { RotationAdjustment } from '@shared/rotation/adjust';
import { useEffect, useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { rotationApi } from '../../../services/api';

type Result = { ok: true; data: RotationRecordView } | { ok: false; message: string };

interface Props {
  readonly seed: string;
  /** The bureau's hand adjustments to the previewed plan (published with it). */
  readonly adjustments: readonly RotationAdjustment[];
  /** The adjusted plan breaks a rule: it cannot be published as it is. */
  readonly blocked: boolean;
}

export function Publicity({ seed, adjustments, blocked }: Props) {
  const [rec, setRec] = useState<RotationRecordView | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [replies, setReplies] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);

  useEffect(() => {
    void rotationApi.record().then((r) => {
      if (r.ok) setRec(r.data);
      else setError(r.message);
      setLoaded(true);
    });
  }, []);

  const act = async (p: Promise<Result>, done: string) => {
    const r = await p;
    if (!r.ok) return setError(r.message);
    setRec(r.data);
    setError(null);
    setInfo(done);
  };
  const publish = async () => {
    const c = await Taro.showModal({
      title: '公示交流轮岗方案',
      content: '公示后方案不能重新生成，拟交流教师可查看通知并在公示期内提出异议。确定公示吗？',
    });
    if (c.confirm)
      await act(rotationApi.publish(seed.trim() || null, adjustments), '已公示，已通知拟交流教师。');
  };

  if (!loaded) return null;
  return (
    <View className="card" id="rotation-publicity">
      <Text className="card-title">公示与正式通知</Text>
      <ErrorBanner message={error} />
      <InfoBanner message={info} />
      {rec === null ? (
        <Button
          className="btn btn-primary"
          id="rotation-publish"
          disabled={blocked || undefined}
          onClick={() => void publish()}
        >
          {adjustments.length > 0
            ? `公示方案（按当前种子生成，含 ${adjustments.length} 处人工调整）`
            : '公示方案（按当前种子重新生成并保存）'}
        </Button>
      ) : (
        <View>
          <Text className="muted" id="rotation-status">
            {`${rec.status === 'final' ? '已正式发布' : '公示中'}：公示期 ${rec.publicity.from} 至 ${rec.publicity.to}；交流 ${rec.moves.length} 人，已确认通知 ${Object.keys(rec.acknowledged).length} 人，已报到 ${Object.keys(rec.reported).length} 人`}
          </Text>
          {rec.objections.map((o) => (
            <View className="sub-card objection" key={o.teacherId}>
              <Text className="label">{`异议：${rec.moves.find((m) => m.teacherId === o.teacherId)?.name ?? o.teacherId}`}</Text>
              <Text className="muted">{o.text}</Text>
              {o.answer ? (
                <Text className="banner-info">{`${o.answer.upheld ? '异议成立，已调出方案' : '维持原方案'}：${o.answer.text}`}</Text>
              ) : (
                <View>
                  <Input
                    className="input objection-reply"
                    placeholder="答复（教师会看到）"
                    value={replies[o.teacherId] ?? ''}
                    onInput={(e) => setReplies((r) => ({ ...r, [o.teacherId]: e.detail.value }))}
                  />
                  <View className="row">
                    <Button
                      size="mini"
                      className="btn objection-dismiss"
                      onClick={() =>
                        void act(
                          rotationApi.answer(o.teacherId, false, replies[o.teacherId] ?? ''),
                          '已答复。',
                        )
                      }
                    >
                      维持原方案
                    </Button>
                    <Button
                      size="mini"
                      className="btn btn-primary objection-uphold"
                      onClick={() =>
                        void act(
                          rotationApi.answer(o.teacherId, true, replies[o.teacherId] ?? ''),
                          '已答复。',
                        )
                      }
                    >
                      异议成立
                    </Button>
                  </View>
                </View>
              )}
            </View>
          ))}
          {rec.status === 'publicized' ? (
            <Button
              className="btn"
              id="rotation-finalise"
              onClick={() => void act(rotationApi.finalise(), '已正式发布。')}
            >
              公示结束，正式发布
            </Button>
          ) : null}
        </View>
      )}
    </View>
  );
}

// The admission card under a published result: the school, when to report and what to bring,
// accept the seat, or ask for a review (复核) before the window closes, and the bureau's answer.
import { Button, Text, Textarea, View } from '@tarojs/components';
import { inputA11y, tapA11y } from '../../../components/a11y';
import Taro from '@tarojs/taro';
import type { AdmissionView } from '@shared/api';
import { useEffect, useState } from 'react';
import { ErrorBanner } from '../../../components/Banner';
import { registrationApi } from '../../../services/api';
import { documentPickAndUpload } from '../../../services/upload';

export function Admission({ id }: { id: string }) {
  const [a, setA] = useState<AdmissionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [writing, setWriting] = useState(false);
  const [text, setText] = useState('');
  const [fileId, setFileId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void registrationApi.admission(id).then((res) => (res.ok ? setA(res.data) : setError(res.message)));
  }, [id]);

  const accept = async () => {
    const c = await Taro.showModal({
      title: '确认接受学位',
      content: '确认后将不能再申请复核。确定接受吗？',
      confirmText: '确认接受',
    });
    if (!c.confirm) return;
    const res = await registrationApi.accept(id);
    if (res.ok) setA(res.data);
    else setError(res.message);
  };

  const attach = async () => {
    const up = await documentPickAndUpload();
    if (!up) return;
    if (up.ok) setFileId(up.data.fileId);
    else setError(up.message);
  };

  // What was typed stays in the box when sending fails, so nothing is lost.
  const send = async () => {
    setBusy(true);
    const res = await registrationApi.appeal(id, text, fileId);
    setBusy(false);
    if (res.ok) {
      setA(res.data);
      setWriting(false);
      setError(null);
    } else setError(res.message);
  };

  const openDocument = async () => {
    const res = await registrationApi.appealDocumentLink(id);
    if (res.ok) await Taro.previewImage({ urls: [res.data.url], current: res.data.url });
    else setError(res.message);
  };

  if (!a) return <ErrorBanner message={error} />;
  return (
    <View className="card" id="admission">
      <Text className="card-title">入学报到</Text>
      <ErrorBanner message={error} />
      {a.schoolName && a.status === 'admitted' ? (
        <Text className="muted" id="report-info">
          {`报到学校：${a.schoolName}\n报到日期：${a.reportDateLabel}\n请携带：\n${a.bring.map((b, i) => `${i + 1}. ${b}`).join('\n')}`}
        </Text>
      ) : null}
      {a.className ? (
        <Text className="banner-info" id="class-info">
          {`分班结果：${a.className}${a.homeroomTeacher ? `，班主任 ${a.homeroomTeacher}` : ''}`}
        </Text>
      ) : null}
      {a.acceptedAt ? (
        <Text className="banner-info" id="accepted">
          您已确认接受该学位，请按时报到。
        </Text>
      ) : null}
      {a.appeal ? (
        <View className="sub-card" id="appeal-status">
          <Text className="label">{a.appeal.answer ? '复核答复' : '复核申请处理中'}</Text>
          <Text className="muted">{`您的理由：${a.appeal.text}`}</Text>
          {a.appeal.hasDocument ? (
            <Text {...tapA11y('button')} className="field-ok" onClick={() => void openDocument()}>
              附件 · 查看
            </Text>
          ) : null}
          {a.appeal.answer ? (
            <Text className="banner-info" id="appeal-answer">
              {`${a.appeal.answer.outcomeLabel}。${a.appeal.answer.text}`}
            </Text>
          ) : (
            <Text className="muted">教育局将尽快答复，答复会出现在这里和消息中。</Text>
          )}
        </View>
      ) : null}
      {a.canAccept ? (
        <Button className="btn btn-primary" id="accept" onClick={() => void accept()}>
          确认接受学位
        </Button>
      ) : null}
      {a.canAppeal && !writing ? (
        <Button className="btn" id="appeal-open" onClick={() => setWriting(true)}>
          {`对结果有疑问？申请复核（${a.appealClosesLabel}前）`}
        </Button>
      ) : null}
      {writing ? (
        <View className="sub-card" id="appeal-form">
          <Text className="label">复核理由（至少10个字）</Text>
          <Textarea
            {...inputA11y('复核理由')}
            className="input"
            id="appeal-text"
            value={text}
            maxlength={500}
            placeholder="请写明您认为结果有误的原因，例如类别认定、学区或兄弟姐妹同校等。"
            onInput={(e) => setText(e.detail.value)}
          />
          <Text
            {...tapA11y('button')}
            className={fileId ? 'field-ok' : 'muted'}
            id="appeal-attach"
            onClick={() => void attach()}
          >
            {fileId ? '已添加附件 · 重新选择' : '添加一张证明材料照片（可选）'}
          </Text>
          <Button
            className="btn btn-primary"
            id="appeal-send"
            disabled={busy || undefined}
            onClick={() => void send()}
          >
            提交复核申请
          </Button>
        </View>
      ) : null}
    </View>
  );
}

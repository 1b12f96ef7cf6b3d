// 冒名或误报 at the bureau: the family brings its 户口簿 and 出生医学证明; the bureau finds every
// registration of the child this year (at any school) by the ID number and voids the one the
// family did not make, with a reason its account reads (issue 17, defect 2).
import { Button, Input, Text, View } from '@tarojs/components';
import { inputA11y } from '../../../components/a11y';
import Taro from '@tarojs/taro';
import type { RegistrationView } from '@shared/api';
import { useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { registrationApi } from '../../../services/api';
import { instantDateLabel } from '@shared/time';

const voidable = new Set(['pending_review', 'first_approved', 'needs_more', 'approved', 'rejected']);

export function ChildLookup() {
  const [idNumber, setIdNumber] = useState('');
  const [items, setItems] = useState<readonly (RegistrationView & { readonly madeBy: string })[] | null>(
    null,
  );
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);

  const find = async () => {
    setInfo(null);
    const r = await registrationApi.byChild(idNumber);
    if (!r.ok) return setError(r.message);
    setError(null);
    setItems(r.data.items);
  };

  const voidIt = async (v: RegistrationView) => {
    const c = await Taro.showModal({
      title: '确认作废这份报名',
      content: `${v.childName}在${v.schoolName}的报名将作废，报名人会收到通知和理由，儿童的监护人即可重新报名。确定已查验户口簿和出生医学证明吗？`,
      confirmText: '确定作废',
      cancelText: '再看看',
    });
    if (!c.confirm) return;
    const r = await registrationApi.voidRegistration(v.id, v.version, reason);
    if (!r.ok) return setError(r.message);
    setError(null);
    setInfo('已作废，报名人已收到通知。');
    await find();
  };

  return (
    <View className="card" id="child-lookup">
      <Text className="card-title">查找儿童的报名（冒名或误报）</Text>
      <Text className="muted">
        儿童的监护人持户口簿和出生医学证明说明孩子被他人报名时，按户口簿上的身份证号查找本年度该儿童在各校的报名，核实后作废不是监护人所报的那份。
      </Text>
      <View className="row">
        <Input
          {...inputA11y('儿童身份证号')}
          className="input"
          style={{ flex: 1 }}
          id="child-lookup-id"
          type="idcard"
          maxlength={20}
          value={idNumber}
          placeholder="儿童身份证号"
          onInput={(e) => setIdNumber(e.detail.value)}
        />
        <Button size="mini" className="btn btn-line" id="child-lookup-find" onClick={() => void find()}>
          查找
        </Button>
      </View>
      {items && items.length === 0 ? <Text className="muted">本年度没有该儿童的报名。</Text> : null}
      {items?.map((v) => (
        <View className="sub-card" key={v.id} id={`child-lookup-${v.id}`}>
          <Text className="line">{`${v.childName} · ${v.schoolName} · ${v.statusLabel}`}</Text>
          <Text className="muted line">{`提交于 ${instantDateLabel(v.createdAt)}${v.reason ? ` · ${v.reason}` : ''}`}</Text>
          <Text className="muted line child-lookup-by">{v.madeBy}</Text>
          {voidable.has(v.status) ? (
            <View>
              <Input
                {...inputA11y('作废理由')}
                className="input"
                id={`child-lookup-reason-${v.id}`}
                value={reason}
                maxlength={200}
                placeholder="作废理由（报名人可见）"
                onInput={(e) => setReason(e.detail.value)}
              />
              <Button className="btn btn-danger" onClick={() => void voidIt(v)}>
                作废这份报名
              </Button>
            </View>
          ) : null}
        </View>
      ))}
      <ErrorBanner message={error} />
      <InfoBanner message={info} />
    </View>
  );
}
